import { afterAll, beforeAll, expect, it } from 'vitest';
import { askForInstrument, createWorkerTestBed, type WorkerTestBed, waitFor } from './testing/harness.js';

let bed: WorkerTestBed;

beforeAll(async () => {
  bed = await createWorkerTestBed();
  await bed.startWorker({ NODE_ENV: 'production' });
});
afterAll(() => bed.close());

it('with NODE_ENV=production and no INSTRUMENT_ISSUERS, requests are REJECTED: issuer not configured', async () => {
  const id = await askForInstrument(bed, await bed.createCustomer(['GBP']), 'UK_BANK_ACCOUNT');
  const row = await waitFor('the rejection', async () => {
    const r = await bed.handle.db
      .selectFrom('virtual_account_assignments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return r.status !== 'PENDING' && r;
  });
  expect(row).toMatchObject({
    status: 'REJECTED',
    status_reason: 'Issuer not configured: no issuer is configured for UK_BANK_ACCOUNT (INSTRUMENT_ISSUERS)',
    identifiers: null,
  });
});
