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
    externalId: `close-${++n}`,
    email: 'a@b.co',
    registrationIp: '198.51.100.42',
  });
  const res = await call('POST', `/v2/customer-persons/${customer.body.id}/accounts`, {
    currencyCode,
    virtualAccountAssignment,
  });
  const customerId = customer.body.id as string;
  const accountId = res.body.id as string;
  return { customerId, accountId, base: `/v2/customer-persons/${customerId}/accounts/${accountId}` };
}

const eventsOf = (accountId: string) =>
  handle.db
    .selectFrom('account_events')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();

describe('POST /v2/customer-persons/{customerId}/accounts/{accountId}/close', () => {
  it('closes the account, sends its Account.UPDATE, deactivates instruments and rejects open requests', async () => {
    const { customerId, accountId, base } = await account('EUR', true);
    // The worker completed the SEPA request; a UK request is still open.
    await handle.db
      .updateTable('virtual_account_assignments')
      .set({
        status: 'COMPLETED',
        identifiers: JSON.stringify({ iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' }),
      })
      .where('account_id', '=', accountId)
      .execute();
    expect(
      (await call('POST', `${base}/virtual-instruments`, { instrumentType: 'UK_BANK_ACCOUNT' })).status,
    ).toBe(202);
    expect(
      (await call('GET', `/v2/customer-persons/${customerId}`)).body.accounts[0].hasVirtualInstrument,
    ).toBe(true);

    const res = await call('POST', `${base}/close`, { reason: 'Customer asked to close' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: accountId,
      status: 'CLOSED',
      virtualInstrument: [],
      hasVirtualInstrument: false,
      virtualAccountAssignmentStatus: [
        { instrumentType: 'SEPA_BANK_ACCOUNT', status: 'COMPLETED' },
        { instrumentType: 'UK_BANK_ACCOUNT', status: 'REJECTED', statusReason: 'The account was closed' },
      ],
    });
    const [event] = await eventsOf(accountId);
    expect(event).toMatchObject({ previous_status: 'ACTIVE', status: 'CLOSED', cause: 'ACCOUNT_CLOSED' });
    expect(event?.payload).toMatchObject({
      id: accountId,
      status: 'CLOSED',
      currency: 'EUR',
      currencyCode: '978',
    });
    const { rows } = await sql<{ data: { eventId: string } }>`
      SELECT data FROM pgboss.job WHERE name = ${QUEUES.webhookFanout}`.execute(handle.db);
    expect(rows.map((r) => r.data.eventId)).toContain(event?.event_id);
    const stored = await handle.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'CLOSED', close_reason: 'Customer asked to close' });
    expect(stored.closed_at).not.toBeNull();
  });

  it('refuses every later change with 409, and restrictions leave CLOSED alone', async () => {
    const { customerId, accountId, base } = await account('GBP');
    expect((await call('POST', `${base}/close`, { reason: 'done' })).status).toBe(200);
    const again = await call('POST', `${base}/close`, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual([`Account ${accountId} is already closed`]);
    const instrument = await call('POST', `${base}/virtual-instruments`, {
      instrumentType: 'UK_BANK_ACCOUNT',
    });
    expect(instrument.status).toBe(409);
    expect(instrument.body.error.details).toEqual([`Account ${accountId} is closed`]);
    await call('POST', `/v2/customer-persons/${customerId}/restrictions`, {
      name: 'ALL_TRANSACTIONS',
      reason: 'COMPLIANCE',
    });
    expect((await call('GET', `/v2/customer-persons/${customerId}`)).body.accounts[0].status).toBe('CLOSED');
    expect(await eventsOf(accountId)).toHaveLength(1);
  });

  it('refuses to close an account with a non-zero balance', async () => {
    const { accountId, base } = await account('USD');
    await handle.db
      .updateTable('accounts')
      .set({ available_balance: '-1' })
      .where('id', '=', accountId)
      .execute();
    const res = await call('POST', `${base}/close`, { reason: 'done' });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual([
      `Account ${accountId} cannot be closed with a non-zero balance (total 0, available -1 minor units)`,
    ]);
    const stored = await handle.db
      .selectFrom('accounts')
      .select('status')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('ACTIVE');
    expect(await eventsOf(accountId)).toHaveLength(0);
  });

  it('sends currency in upper case in Account.UPDATE for an account opened as "usd"', async () => {
    const { accountId, base } = await account('usd');
    await call('POST', `${base}/close`, { reason: 'done' });
    const [event] = await eventsOf(accountId);
    expect(event?.payload).toMatchObject({ currency: 'USD', currencyCode: '840' });
  });

  it('validates the reason and keeps other tenants out', async () => {
    const { base } = await account('EUR');
    const missing = await call('POST', `${base}/close`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fieldErrors[0].field).toBe('reason');
    expect((await call('POST', `${base}/close`, { reason: 'x'.repeat(256) })).status).toBe(400);
    expect((await other('POST', `${base}/close`, { reason: 'mine now' })).status).toBe(404);
  });
});
