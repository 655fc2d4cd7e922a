import { createDb, type DbHandle } from '@wallet/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
let call: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
let handle: DbHandle;
let accountId: string;

beforeAll(async () => {
  api = await startTestApi({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
  call = client(api.url, (await api.createTenant()).apiKey);
  other = client(api.url, (await api.createTenant()).apiKey);
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
  const customer = await call('POST', '/v2/customer-persons', {
    externalId: 'recover-1',
    email: 'a@b.co',
    registrationIp: '198.51.100.42',
  });
  accountId = (
    await call('POST', `/v2/customer-persons/${customer.body.id}/accounts`, { currencyCode: 'USD' })
  ).body.id;
});
afterAll(async () => {
  await handle.destroy();
  await api.stop();
});

let n = 0;
const subscribe = async () =>
  (
    await call('POST', '/v2/webhook-subscriptions', {
      url: `http://127.0.0.1:9/recover/${++n}`,
      eventTypes: ['Account.UPDATE'],
    })
  ).body.id as string;

/** `count` events of the account, each with a delivery to the subscription in `state` (the dispatcher does not run here). */
async function stoppedDeliveries(subscriptionId: string, count: number, state = 'FAILED'): Promise<string[]> {
  const cause = `recover-test-${++n}`;
  await sql`INSERT INTO events (event_id, tenant_id, event_type, subject_type, subject_id, ordering_key,
      account_id, previous_status, status, payload, cause)
    SELECT 'EVT' || nextval('account_event_number_seq'), a.tenant_id, 'Account.UPDATE', 'Account', a.id::text,
      a.id::text, a.id, 'ACTIVE', 'BLOCKED', '{}', ${cause}
    FROM accounts a, generate_series(1, ${count}) WHERE a.id = ${accountId}`.execute(handle.db);
  const rows = await sql<{ event_id: string }>`
    INSERT INTO webhook_deliveries (subscription_id, event_id, account_id, state, attempt_count, finished_at)
    SELECT ${subscriptionId}, e.event_id, e.account_id, ${state}, 1, now()
    FROM account_events e WHERE e.cause = ${cause} ORDER BY e.id
    RETURNING event_id`.execute(handle.db);
  return rows.rows.map((r) => r.event_id);
}

const recover = (id: string, body: unknown, as = call) =>
  as('POST', `/v2/webhook-subscriptions/${id}/recover`, body);
const SINCE = { since: '2020-01-01T00:00:00Z' };

describe('POST /v2/webhook-subscriptions/{id}/recover', () => {
  it('queues replays of the failed and cancelled deliveries, oldest first, and skips the delivered', async () => {
    const id = await subscribe();
    const failed = await stoppedDeliveries(id, 2, 'FAILED');
    await stoppedDeliveries(id, 1, 'DELIVERED');
    const cancelled = await stoppedDeliveries(id, 2, 'CANCELLED');
    const res = await recover(id, SINCE);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ queued: 4, hasMore: false, eventIds: [...failed, ...cancelled] });
    const list = await call('GET', `/v2/webhook-subscriptions/${id}/deliveries?limit=4`);
    expect(
      list.body.map((d: { eventId: string; replay: boolean; status: string }) => [
        d.eventId,
        d.replay,
        d.status,
      ]),
    ).toEqual([...failed, ...cancelled].reverse().map((e) => [e, true, 'PENDING']));
    // Queued once: the same call again finds them pending.
    expect((await recover(id, SINCE)).body).toEqual({ queued: 0, hasMore: false, eventIds: [] });
    // `since` in the future: nothing was made since then.
    expect((await recover(id, { since: '2999-01-01T00:00:00+01:00' })).body).toMatchObject({ queued: 0 });
  });

  it('queues at most 1,000 per call and says that more remain', async () => {
    const id = await subscribe();
    const events = await stoppedDeliveries(id, 1001);
    const first = await recover(id, SINCE);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ queued: 1000, hasMore: true });
    expect(first.body.eventIds).toEqual(events.slice(0, 1000));
    const second = await recover(id, SINCE);
    expect(second.body).toEqual({ queued: 1, hasMore: false, eventIds: events.slice(1000) });
    // A smaller limit of the caller's own.
    const third = await subscribe();
    const few = await stoppedDeliveries(third, 3);
    expect((await recover(third, { ...SINCE, limit: 2 })).body).toEqual({
      queued: 2,
      hasMore: true,
      eventIds: few.slice(0, 2),
    });
  });

  it('answers 400 for a bad body, in the /v2 envelope', async () => {
    const id = await subscribe();
    for (const [body, field, message] of [
      [{}, 'since', 'must not be null'],
      [{ since: null }, 'since', 'must not be null'],
      [
        { since: 'yesterday' },
        'since',
        'must be an RFC 3339 date-time (section 5.6), e.g. 2024-07-29T15:51:28Z',
      ],
      [{ since: 20240101 }, 'since', 'must be a string'],
      [{ ...SINCE, limit: 0 }, 'limit', 'must be at least 1'],
      [{ ...SINCE, limit: 1001 }, 'limit', 'must be at most 1000'],
      [{ ...SINCE, upto: 'x' }, 'upto', 'unknown field'],
    ] as const) {
      const res = await recover(id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('5068');
      expect(res.body.error.fieldErrors).toEqual([expect.objectContaining({ field, error: message })]);
    }
  });

  it('answers 404 for an unknown or another tenant’s subscription, and 409 while it is cancelled', async () => {
    const id = await subscribe();
    await stoppedDeliveries(id, 1);
    for (const [path, as] of [
      ['00000000-0000-4000-8000-000000000000', call],
      ['not-a-uuid', call],
      [id, other],
    ] as const) {
      const res = await recover(path, SINCE, as);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe('DW-NOT-FOUND');
    }
    // The other tenant's attempt queued nothing.
    expect((await call('GET', `/v2/webhook-subscriptions/${id}/deliveries`)).body).toHaveLength(1);

    await handle.db
      .updateTable('webhook_subscriptions')
      .set({ status: 'CANCELLED' })
      .where('id', '=', id)
      .execute();
    const refused = await recover(id, SINCE);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DW-CONFLICT');
    expect(refused.body.error.details).toEqual([expect.stringContaining('reactivate it')]);
    // Reactivated: it recovers. Paused: it recovers too, and sends once resumed.
    expect((await call('POST', `/v2/webhook-subscriptions/${id}/reactivate`)).status).toBe(200);
    expect((await call('PATCH', `/v2/webhook-subscriptions/${id}`, { status: 'PAUSED' })).status).toBe(200);
    expect((await recover(id, SINCE)).body).toMatchObject({ queued: 1, hasMore: false });
  });
});
