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

it('sends PENDING requests that have no job (stored before the lifecycle existed) again at start', async () => {
  const customer = await bed.createCustomer(['EUR']);
  const account = await bed.handle.db
    .selectFrom('accounts')
    .select('id')
    .where('customer_id', '=', customer)
    .executeTakeFirstOrThrow();
  // As 0006-era code wrote it: a PENDING row, no job, requested a while ago.
  const row = await bed.handle.db
    .insertInto('virtual_account_assignments')
    .values({
      account_id: account.id,
      instrument_type: 'SEPA_BANK_ACCOUNT',
      status: 'PENDING',
      request_date: new Date(Date.now() - 3_600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const worker = await bed.startWorker({ NODE_ENV: 'production' });
  const settled = await waitFor('the stranded request', async () => {
    const r = await bed.handle.db
      .selectFrom('virtual_account_assignments')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    return r.status !== 'PENDING' && r;
  });
  expect(settled.status).toBe('REJECTED');
  expect(worker.logLines.some((l) => l.includes('stranded PENDING instrument requests sent again'))).toBe(
    true,
  );
});
