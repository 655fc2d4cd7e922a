import { DEVELOPMENT_ISSUERS, type IssuerConfig } from '@wallet/instruments';
import { QUEUES } from '@wallet/jobs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeBank, startFakeBank } from './testing/fake-bank.js';
import { askForInstrument, createWorkerTestBed, type WorkerTestBed, waitFor } from './testing/harness.js';
import { jobsOf } from './testing/queries.js';

const SECRET = `whsec_${Buffer.from('test-bank-shared-secret-0123456789').toString('base64')}`;
let bed: WorkerTestBed;
let bank: FakeBank;

function config(): IssuerConfig {
  return {
    SEPA_BANK_ACCOUNT: DEVELOPMENT_ISSUERS.SEPA_BANK_ACCOUNT,
    // One number only (it passes the modulus check): the second request finds the range exhausted.
    UK_BANK_ACCOUNT: {
      adapter: 'range',
      sortCode: '089999',
      accountNumbers: { first: '66374958', last: '66374958' },
    },
    US_BANK_ACCOUNT: { adapter: 'callback', issuer: 'test-bank', secret: SECRET, requestUrl: bank.url },
  };
}

beforeAll(async () => {
  bed = await createWorkerTestBed();
  bank = await startFakeBank();
  // Two workers with 8 instrument requests in flight each: allocations really compete.
  const env = { INSTRUMENT_ISSUERS: JSON.stringify(config()), WORKER_CONCURRENCY: '64' };
  await bed.startWorker(env);
  await bed.startWorker(env);
});
afterAll(async () => {
  await bed.close();
  await bank.close();
});

const requestRow = (id: string) =>
  bed.handle.db
    .selectFrom('virtual_account_assignments')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const settled = (
  id: string,
  statuses = ['ACCEPTED', 'COMPLETED', 'REJECTED', 'FAILED'],
  timeoutMs = 20_000,
) =>
  waitFor(
    `request ${id} to settle`,
    async () => {
      const row = await requestRow(id);
      return statuses.includes(row.status) && row;
    },
    timeoutMs,
  );

const transitionsOf = async (id: string) =>
  (
    await bed.handle.db
      .selectFrom('virtual_assignment_transitions')
      .select(['from_status', 'to_status', 'source'])
      .where('assignment_id', '=', id)
      .orderBy('id')
      .execute()
  ).map((t) => [t.from_status, t.to_status, t.source]);

describe('instrument request lifecycle (range issuer)', () => {
  it('PENDING → ACCEPTED → COMPLETED with a valid IBAN, each move recorded with a reason', async () => {
    const customer = await bed.createCustomer(['EUR']);
    const id = await askForInstrument(bed, customer, 'SEPA_BANK_ACCOUNT');
    const pending = await requestRow(id);
    expect(pending).toMatchObject({ status: 'PENDING', status_reason: null, last_change_date: null });
    const row = await settled(id);
    expect(row).toMatchObject({
      status: 'COMPLETED',
      status_reason: 'Issued from the DEVELOPMENT range: not a real bank account',
      issuer: 'development-range',
      identifiers: { iban: expect.stringMatching(/^DE\d{2}0{8}90\d{8}$/), bic: 'WLTDDEF0XXX' },
      deactivated_at: null,
    });
    expect(row.last_change_date!.getTime()).toBeGreaterThanOrEqual(pending.request_date.getTime());
    expect(row.activated_at).not.toBeNull();
    expect(await transitionsOf(id)).toEqual([
      [null, 'PENDING', 'partner'],
      ['PENDING', 'ACCEPTED', 'worker'],
      ['ACCEPTED', 'COMPLETED', 'worker'],
    ]);
  });

  it('issues 30 concurrent requests 30 different, gapless identifiers', async () => {
    const customers = await Promise.all(Array.from({ length: 30 }, () => bed.createCustomer(['EUR'])));
    const ids = await Promise.all(customers.map((c) => askForInstrument(bed, c, 'SEPA_BANK_ACCOUNT')));
    const rows = await Promise.all(ids.map((id) => settled(id)));
    expect(rows.map((r) => r.status)).toEqual(Array(30).fill('COMPLETED'));
    const ibans = rows.map((r) => (r.identifiers as { iban: string }).iban);
    expect(new Set(ibans).size).toBe(30);
    // Together with the first test's: the first 31 numbers of the range, none skipped.
    const all = await bed.handle.db
      .selectFrom('virtual_account_assignments')
      .select('identifiers')
      .where('instrument_type', '=', 'SEPA_BANK_ACCOUNT')
      .where('status', '=', 'COMPLETED')
      .execute();
    const numbers = all
      .map((r) => Number((r.identifiers as { iban: string }).iban.slice(-10)))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 31 }, (_, i) => 9_000_000_000 + i));
  });

  it('is idempotent: the same job again leaves a settled request alone', async () => {
    const customer = await bed.createCustomer(['EUR']);
    const id = await askForInstrument(bed, customer, 'SEPA_BANK_ACCOUNT');
    const before = await settled(id);
    await bed.boss.send(QUEUES.instrumentRequest, { assignmentId: id });
    await waitFor('the replayed job', async () => {
      const jobs = (await jobsOf(bed.handle.db, QUEUES.instrumentRequest)).filter(
        (j) => j.data.assignmentId === id,
      );
      return jobs.length === 2 && jobs.every((j) => j.state === 'completed') && jobs;
    });
    const jobs = (await jobsOf(bed.handle.db, QUEUES.instrumentRequest)).filter(
      (j) => j.data.assignmentId === id,
    );
    expect(jobs[1]?.output).toEqual({ result: 'skipped', status: 'COMPLETED' });
    expect(await requestRow(id)).toEqual(before);
  });

  it('FAILED with an operator-readable reason once the range is exhausted', async () => {
    const first = await askForInstrument(bed, await bed.createCustomer(['GBP']), 'UK_BANK_ACCOUNT');
    expect(await settled(first)).toMatchObject({
      status: 'COMPLETED',
      identifiers: { sortCode: '089999', accountNumber: '66374958' },
    });
    const second = await askForInstrument(bed, await bed.createCustomer(['GBP']), 'UK_BANK_ACCOUNT');
    expect(await settled(second)).toMatchObject({
      status: 'FAILED',
      status_reason:
        'The range UK sort code 089999, account numbers 66374958-66374958 is exhausted: every number in it has been issued. Configure the next range the bank granted.',
      identifiers: null,
    });
  });
});

describe('REJECTED by the platform before the issuer is asked', () => {
  it('an instrument whose currency is not the account’s', async () => {
    const id = await askForInstrument(bed, await bed.createCustomer(['USD']), 'SEPA_BANK_ACCOUNT');
    expect(await settled(id)).toMatchObject({
      status: 'REJECTED',
      instrument_type: 'SEPA_BANK_ACCOUNT',
      status_reason: 'SEPA_BANK_ACCOUNT is offered for EUR accounts only; this account is in USD',
    });
    expect(await transitionsOf(id)).toEqual([
      [null, 'PENDING', 'partner'],
      ['PENDING', 'REJECTED', 'worker'],
    ]);
  });

  it('a customer blocked by ALL_TRANSACTIONS', async () => {
    const customer = await bed.createCustomer(['EUR']);
    await bed.handle.db
      .insertInto('restrictions')
      .values({
        tenant_id: bed.tenantId,
        customer_id: customer,
        name: 'ALL_TRANSACTIONS',
        reason: 'COMPLIANCE',
        required_actions: [],
        source: 'PARTNER',
      })
      .execute();
    const id = await askForInstrument(bed, customer, 'SEPA_BANK_ACCOUNT');
    expect(await settled(id)).toMatchObject({
      status: 'REJECTED',
      status_reason: 'The customer is blocked by an ALL_TRANSACTIONS restriction',
    });
  });

  it('a customer whose latest screening is RED', async () => {
    const customer = await bed.createCustomer(['EUR']);
    await bed.handle.db
      .insertInto('screening_records')
      .values({
        tenant_id: bed.tenantId,
        customer_id: customer,
        query: '{}',
        traffic_light: 'RED',
        hit_type: 'SL',
        manual_review: false,
        details: '[]',
      })
      .execute();
    const id = await askForInstrument(bed, customer, 'SEPA_BANK_ACCOUNT');
    expect(await settled(id)).toMatchObject({
      status: 'REJECTED',
      status_reason: "The customer's latest screening is RED",
    });
  });
});

describe('a bank that issues through its API (callback issuer)', () => {
  it('sends the bank a signed request and waits, ACCEPTED, for its callback', async () => {
    bank.answerWith(202);
    const customer = await bed.createCustomer(['USD']);
    const id = await askForInstrument(bed, customer, 'US_BANK_ACCOUNT');
    expect(await settled(id)).toMatchObject({
      status: 'ACCEPTED',
      status_reason: 'Accepted by test-bank',
      issuer: 'test-bank',
      issuer_reference: id,
    });
    const sent = bank.received.find((r) => r.headers['webhook-id'] === id);
    expect(new Webhook(SECRET).verify(sent!.body, sent!.headers as Record<string, string>)).toEqual({
      reference: id,
      instrumentType: 'US_BANK_ACCOUNT',
      account: { id: expect.any(String), currencyCode: 'USD' },
      customer: { id: customer, externalId: expect.any(String) },
    });
  });

  it('REJECTED when the bank refuses the request', async () => {
    bank.answerWith(422);
    const id = await askForInstrument(bed, await bed.createCustomer(['USD']), 'US_BANK_ACCOUNT');
    expect(await settled(id)).toMatchObject({
      status: 'REJECTED',
      status_reason: 'Request has been denied by the issuing bank (HTTP 422: {"error":"no"})',
    });
  });

  it('FAILED after a bounded number of attempts while the bank errs', async () => {
    bank.answerWith(503);
    const id = await askForInstrument(bed, await bed.createCustomer(['USD']), 'US_BANK_ACCOUNT');
    const row = await settled(id, ['ACCEPTED', 'COMPLETED', 'REJECTED', 'FAILED'], 60_000);
    expect(row).toMatchObject({
      status: 'FAILED',
      status_reason: 'Issuer test-bank answered HTTP 503 (gave up after 4 attempts)',
    });
    expect(bank.received.filter((r) => r.headers['webhook-id'] === id)).toHaveLength(4);
    expect(await transitionsOf(id)).toEqual([
      [null, 'PENDING', 'partner'],
      ['PENDING', 'FAILED', 'worker'],
    ]);
  });
});
