import { createDb, type DbHandle } from '@wallet/db';
import { QUEUES } from '@wallet/jobs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
let call: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
let handle: DbHandle;
let n = 0;

beforeAll(async () => {
  api = await startTestApi();
  call = client(api.url, (await api.createTenant()).apiKey);
  other = client(api.url, (await api.createTenant()).apiKey);
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
});
afterAll(async () => {
  await handle.destroy();
  await api.stop();
});

async function account(currencyCode: string, virtualAccountAssignment = false) {
  const customer = await call('POST', '/v2/customer-persons', {
    externalId: `vi-${++n}`,
    email: 'a@b.co',
    registrationIp: '198.51.100.42',
  });
  const res = await call('POST', `/v2/customer-persons/${customer.body.id}/accounts`, {
    currencyCode,
    virtualAccountAssignment,
  });
  return { customerId: customer.body.id as string, res };
}

async function instrumentJobs() {
  const { rows } = await sql<{ data: { assignmentId: string } }>`
    SELECT data FROM pgboss.job WHERE name = ${QUEUES.instrumentRequest}`.execute(handle.db);
  return rows;
}

describe('virtualAccountAssignment at creation', () => {
  it('requests the instrument that fits the currency, and enqueues its job with the account', async () => {
    const { res } = await account('GBP', true);
    expect(res.status).toBe(201);
    expect(res.body.virtualAccountAssignmentStatus).toEqual([
      { instrumentType: 'UK_BANK_ACCOUNT', requestDate: expect.any(String), status: 'PENDING' },
    ]);
    expect(res.body.hasVirtualInstrument).toBe(false);
    const [row] = await handle.db
      .selectFrom('virtual_account_assignments')
      .select('id')
      .where('account_id', '=', res.body.id)
      .execute();
    expect((await instrumentJobs()).map((j) => j.data.assignmentId)).toContain(row?.id);
  });

  it('REJECTS a currency with no instrument without inventing a type (no CHF SEPA account)', async () => {
    const { res } = await account('CHF', true);
    expect(res.body.virtualAccountAssignmentStatus).toEqual([
      {
        requestDate: expect.any(String),
        lastChangeDate: expect.any(String),
        status: 'REJECTED',
        statusReason: 'No virtual bank account is offered for CHF',
      },
    ]);
    expect(res.text).not.toContain('SEPA_BANK_ACCOUNT');
  });

  it('stores and answers currencyCode in upper case when sent in lower case', async () => {
    const { customerId, res } = await account('usd');
    expect(res.status).toBe(201);
    expect(res.body.currencyCode).toBe('USD');
    const shown = await call('GET', `/v2/customer-persons/${customerId}`);
    expect(shown.body.accounts[0].currencyCode).toBe('USD');
  });
});

describe('POST /v2/customer-persons/{customerId}/accounts/{accountId}/virtual-instruments', () => {
  const path = (customerId: string, accountId: string) =>
    `/v2/customer-persons/${customerId}/accounts/${accountId}/virtual-instruments`;

  it('answers 202 with the account and its PENDING request; a second open request is 409', async () => {
    const { customerId, res } = await account('EUR');
    const first = await call('POST', path(customerId, res.body.id), { instrumentType: 'SEPA_BANK_ACCOUNT' });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({
      id: res.body.id,
      virtualInstrument: [],
      hasVirtualInstrument: false,
      virtualAccountAssignmentStatus: [
        { instrumentType: 'SEPA_BANK_ACCOUNT', requestDate: expect.any(String), status: 'PENDING' },
      ],
    });
    const second = await call('POST', path(customerId, res.body.id), { instrumentType: 'SEPA_BANK_ACCOUNT' });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: 'DW-CONFLICT',
      details: [`Account ${res.body.id} already has an open SEPA_BANK_ACCOUNT request (PENDING)`],
    });
    // Another type is another request (the worker rejects it for the currency).
    expect(
      (await call('POST', path(customerId, res.body.id), { instrumentType: 'UK_BANK_ACCOUNT' })).status,
    ).toBe(202);
  });

  it('accepts exactly one of 6 concurrent requests for the same type', async () => {
    const { customerId, res } = await account('GBP');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        call('POST', path(customerId, res.body.id), { instrumentType: 'UK_BANK_ACCOUNT' }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409, 409, 409, 409]);
    const rows = await handle.db
      .selectFrom('virtual_account_assignments')
      .select('id')
      .where('account_id', '=', res.body.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('is 409 while an instrument of the type is active, and allowed again after a final failure', async () => {
    const { customerId, res } = await account('EUR');
    await call('POST', path(customerId, res.body.id), { instrumentType: 'SEPA_BANK_ACCOUNT' });
    await handle.db
      .updateTable('virtual_account_assignments')
      .set({
        status: 'COMPLETED',
        identifiers: JSON.stringify({ iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' }),
      })
      .where('account_id', '=', res.body.id)
      .execute();
    const shown = await call('GET', `/v2/customer-persons/${customerId}`);
    expect(shown.body.accounts[0]).toMatchObject({
      hasVirtualInstrument: true,
      virtualInstrument: [
        {
          instrumentType: 'SEPA_BANK_ACCOUNT',
          status: 'ACTIVE',
          iban: 'DE89370400440532013000',
          bic: 'COBADEFFXXX',
        },
      ],
    });
    const again = await call('POST', path(customerId, res.body.id), { instrumentType: 'SEPA_BANK_ACCOUNT' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual([
      `Account ${res.body.id} already has an active SEPA_BANK_ACCOUNT`,
    ]);
    await handle.db
      .updateTable('virtual_account_assignments')
      .set({ status: 'FAILED', identifiers: null })
      .where('account_id', '=', res.body.id)
      .execute();
    expect(
      (await call('POST', path(customerId, res.body.id), { instrumentType: 'SEPA_BANK_ACCOUNT' })).status,
    ).toBe(202);
  });

  it('validates the body and keeps other tenants and accounts out (404)', async () => {
    const { customerId, res } = await account('EUR');
    const bad = await call('POST', path(customerId, res.body.id), { instrumentType: 'IBAN' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fieldErrors[0].field).toBe('instrumentType');
    const extra = await call('POST', path(customerId, res.body.id), {
      instrumentType: 'SEPA_BANK_ACCOUNT',
      x: 1,
    });
    expect(extra.status).toBe(400);
    expect(
      (await other('POST', path(customerId, res.body.id), { instrumentType: 'SEPA_BANK_ACCOUNT' })).status,
    ).toBe(404);
    const mine = await account('EUR');
    const crossed = await call('POST', path(customerId, mine.res.body.id), {
      instrumentType: 'SEPA_BANK_ACCOUNT',
    });
    expect(crossed.status).toBe(404);
    expect(crossed.body.error.details).toEqual(['Account not found']);
    expect(
      (await call('POST', path(customerId, 'abc'), { instrumentType: 'SEPA_BANK_ACCOUNT' })).status,
    ).toBe(404);
    expect((await call('POST', path('x', res.body.id), { instrumentType: 'SEPA_BANK_ACCOUNT' })).status).toBe(
      400,
    );
  });
});
