import { createDb, type DbHandle } from '@wallet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
let call: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
let handle: DbHandle;
let n = 0;

async function customerWithAccounts(currencies: string[]) {
  const customer = await call('POST', '/v2/customer-persons', {
    externalId: `c-${++n}`,
    email: 'a@b.co',
    registrationIp: '198.51.100.42',
  });
  for (const currencyCode of currencies)
    await call('POST', `/v2/customer-persons/${customer.body.id}/accounts`, { currencyCode });
  return customer.body.id as string;
}

async function statuses(customerId: string) {
  const res = await call('GET', `/v2/customer-persons/${customerId}`);
  return res.body.accounts.map((a: { status: string }) => a.status);
}

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

describe('restrictions', () => {
  it('places a restriction with a UUID and creationTime, and shows it on the customer', async () => {
    const id = await customerWithAccounts(['EUR']);
    const res = await call('POST', `/v2/customer-persons/${id}/restrictions`, {
      name: 'OUTGOING_TRANSACTIONS',
      reason: 'RISK_CONTROLS',
      requiredActions: ['WAIT'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'OUTGOING_TRANSACTIONS',
      reason: 'RISK_CONTROLS',
      requiredActions: ['WAIT'],
      creationTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
    });
    expect((await call('GET', `/v2/customer-persons/${id}`)).body.restrictions).toEqual([res.body]);
  });

  it('sets account statuses by the rule and records one Account.UPDATE event per change', async () => {
    const id = await customerWithAccounts(['EUR', 'USD']);
    expect(await statuses(id)).toEqual(['ACTIVE', 'ACTIVE']);
    const partial = await call('POST', `/v2/customer-persons/${id}/restrictions`, {
      name: 'SEND_MONEY',
      reason: 'KYC',
    });
    expect(await statuses(id)).toEqual(['RESTRICTED', 'RESTRICTED']);
    const all = await call('POST', `/v2/customer-persons/${id}/restrictions`, {
      name: 'ALL_TRANSACTIONS',
      reason: 'COMPLIANCE',
      requiredActions: ['CONTACT_CUSTOMER_SERVICE'],
    });
    expect(await statuses(id)).toEqual(['BLOCKED', 'BLOCKED']);
    expect((await call('DELETE', `/v2/customer-persons/${id}/restrictions/${all.body.id}`)).status).toBe(204);
    expect(await statuses(id)).toEqual(['RESTRICTED', 'RESTRICTED']);
    expect((await call('DELETE', `/v2/customer-persons/${id}/restrictions/${partial.body.id}`)).status).toBe(
      204,
    );
    expect(await statuses(id)).toEqual(['ACTIVE', 'ACTIVE']);

    const events = await handle.db
      .selectFrom('account_events')
      .innerJoin('accounts', 'accounts.id', 'account_events.account_id')
      .select([
        'account_events.status',
        'account_events.previous_status',
        'account_events.payload',
        'accounts.currency_code',
      ])
      .where('accounts.customer_id', '=', id)
      .orderBy('account_events.id')
      .execute();
    const usd = events.filter((e) => e.currency_code === 'USD');
    expect(usd.map((e) => [e.previous_status, e.status])).toEqual([
      ['ACTIVE', 'RESTRICTED'],
      ['RESTRICTED', 'BLOCKED'],
      ['BLOCKED', 'RESTRICTED'],
      ['RESTRICTED', 'ACTIVE'],
    ]);
    expect(usd[1]?.payload).toMatchObject({
      currency: 'USD',
      currencyCode: '840',
      status: 'BLOCKED',
      accountType: 'WALLET',
    });
    // Each event has its fan-out job, enqueued in the same transaction.
    const jobs = await handle.db
      .withSchema('pgboss')
      .selectFrom('job' as never)
      .select('name' as never)
      .where('name' as never, '=', 'webhook-fanout' as never)
      .execute();
    expect(jobs.length).toBeGreaterThanOrEqual(events.length);
  });

  it('a new account on a restricted customer starts restricted', async () => {
    const id = await customerWithAccounts([]);
    await call('POST', `/v2/customer-persons/${id}/restrictions`, {
      name: 'ALL_TRANSACTIONS',
      reason: 'TERMINATED',
    });
    const account = await call('POST', `/v2/customer-persons/${id}/accounts`, { currencyCode: 'GBP' });
    expect(account.body.status).toBe('BLOCKED');
  });

  it('rejects bad enums, and 404s unknown or foreign restrictions and customers', async () => {
    const id = await customerWithAccounts([]);
    const bad = await call('POST', `/v2/customer-persons/${id}/restrictions`, {
      name: 'NOPE',
      reason: 'KYC',
      requiredActions: ['X'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fieldErrors.map((f: { field: string }) => f.field).sort()).toEqual([
      'name',
      'requiredActions.0',
    ]);
    const missing = await call(
      'DELETE',
      `/v2/customer-persons/${id}/restrictions/084666a4-cd47-40c1-afe2-4a575e341d59`,
    );
    expect(missing.status).toBe(404);
    const placed = await call('POST', `/v2/customer-persons/${id}/restrictions`, {
      name: 'OTHER',
      reason: 'OTHER',
    });
    expect((await other('DELETE', `/v2/customer-persons/${id}/restrictions/${placed.body.id}`)).status).toBe(
      404,
    );
    expect(
      (await other('POST', `/v2/customer-persons/${id}/restrictions`, { name: 'OTHER', reason: 'OTHER' }))
        .status,
    ).toBe(404);
    expect((await call('GET', `/v2/customer-persons/${id}`)).body.restrictions).toHaveLength(1);
  });
});

describe('accounts', () => {
  it('creates an account with an ISO 4217 currency, a number, exact minor-unit balances', async () => {
    const id = await customerWithAccounts([]);
    const res = await call('POST', `/v2/customer-persons/${id}/accounts`, {
      currencyCode: 'EUR',
      externalId: 'acc-1',
      virtualAccountAssignment: true,
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      customerId: id,
      externalId: 'acc-1',
      currencyCode: 'EUR',
      number: expect.stringMatching(/^\d{15}$/),
      status: 'ACTIVE',
      totalBalance: 0,
      availableBalance: 0,
      virtualInstrument: [],
      virtualAccountAssignmentStatus: [
        { instrumentType: 'SEPA_BANK_ACCOUNT', requestDate: expect.any(String), status: 'PENDING' },
      ],
      creationTime: expect.any(String),
      hasVirtualInstrument: false,
      virtualAccountAssignment: true,
    });
    expect(res.text).toContain('"totalBalance":0');
  });

  it('keeps balances beyond 2^53 exact in JSON', async () => {
    const id = await customerWithAccounts(['JPY']);
    await handle.db
      .updateTable('accounts')
      .set({ total_balance: '9007199254740993' })
      .where('customer_id', '=', id)
      .execute();
    const res = await call('GET', `/v2/customer-persons/${id}`);
    expect(res.text).toContain('"totalBalance":9007199254740993');
  });

  it('rejects unknown currencies, duplicates and foreign customers', async () => {
    const id = await customerWithAccounts([]);
    const bad = await call('POST', `/v2/customer-persons/${id}/accounts`, { currencyCode: 'ABC' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fieldErrors[0].field).toBe('currencyCode');
    await call('POST', `/v2/customer-persons/${id}/accounts`, { currencyCode: 'EUR', externalId: 'same' });
    expect(
      (await call('POST', `/v2/customer-persons/${id}/accounts`, { currencyCode: 'EUR', externalId: 'same' }))
        .status,
    ).toBe(409);
    expect((await other('POST', `/v2/customer-persons/${id}/accounts`, { currencyCode: 'EUR' })).status).toBe(
      404,
    );
    expect(
      (await call('POST', '/v2/customer-persons/x1/accounts', { currencyCode: 'EUR' })).body.error.code,
    ).toBe('DW-CUSTOMER-ID-SHOULD-BE-VALID');
  });
});
