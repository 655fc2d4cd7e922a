import { createDb, type DbHandle } from '@wallet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
let call: ReturnType<typeof client>;
let handle: DbHandle;

beforeAll(async () => {
  // The default: WEBHOOK_ALLOW_PRIVATE_NETWORKS unset, so the SSRF guard is on.
  api = await startTestApi();
  call = client(api.url, (await api.createTenant()).apiKey);
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
});
afterAll(async () => {
  await handle.destroy();
  await api.stop();
});

const subscribe = (url: string) =>
  call('POST', '/v2/webhook-subscriptions', { url, eventTypes: ['Account.UPDATE'] });

describe('SSRF guard at subscription time', () => {
  it('refuses URLs that resolve to loopback, private, link-local or other non-public addresses', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hooks',
      'http://localhost/hooks',
      'http://[::1]/hooks',
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.7/',
      'http://192.168.1.1/',
      'http://[fd00::1]/',
      'http://0.0.0.0/',
      'http://[::ffff:127.0.0.1]/',
      'http://2130706433/',
    ]) {
      const res = await subscribe(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.fieldErrors[0]).toMatchObject({
        field: 'url',
        error: expect.stringMatching(/^must not resolve to a private, loopback or link-local address/),
      });
    }
    // A public address is accepted (nothing connects to it here: no dispatcher runs in this file).
    expect((await subscribe('https://93.184.216.34/hooks')).status).toBe(201);
  });
});

describe('deliveries and replay', () => {
  it('lists each event with its attempts, and replays one as a new delivery', async () => {
    const sub = (await subscribe('https://93.184.216.34/hooks/replays')).body;
    const customer = await call('POST', '/v2/customer-persons', {
      externalId: 'wh-1',
      email: 'a@b.co',
      registrationIp: '198.51.100.42',
    });
    await call('POST', `/v2/customer-persons/${customer.body.id}/accounts`, { currencyCode: 'USD' });
    await call('POST', `/v2/customer-persons/${customer.body.id}/restrictions`, {
      name: 'ALL_TRANSACTIONS',
      reason: 'COMPLIANCE',
    });
    const event = await handle.db
      .selectFrom('account_events')
      .select(['event_id', 'account_id'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    // What the dispatcher records (it does not run in this file).
    const delivery = await handle.db
      .insertInto('webhook_deliveries')
      .values({
        subscription_id: sub.id,
        event_id: event.event_id,
        account_id: event.account_id,
        state: 'DELIVERED',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const at = new Date('2025-03-04T05:06:07.000Z');
    await handle.db
      .insertInto('webhook_delivery_attempts')
      .values([
        {
          delivery_id: delivery.id,
          attempt: 1,
          attempted_at: at,
          duration_ms: 300,
          status_code: null,
          error: 'timeout after 300 ms',
          response_body: null,
        },
        {
          delivery_id: delivery.id,
          attempt: 2,
          attempted_at: at,
          duration_ms: 12,
          status_code: 200,
          error: null,
          response_body: 'ok',
        },
      ])
      .execute();

    const list = await call('GET', `/v2/webhook-subscriptions/${sub.id}/deliveries`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      {
        id: delivery.id,
        eventId: event.event_id,
        eventName: 'Account.UPDATE',
        accountId: event.account_id,
        replay: false,
        status: 'DELIVERED',
        createdAt: expect.any(String),
        nextAttemptAt: null,
        finishedAt: null,
        attempts: [
          {
            attempt: 1,
            attemptedAt: at.toISOString(),
            durationMs: 300,
            statusCode: null,
            error: 'timeout after 300 ms',
            responseBody: null,
          },
          {
            attempt: 2,
            attemptedAt: at.toISOString(),
            durationMs: 12,
            statusCode: 200,
            error: null,
            responseBody: 'ok',
          },
        ],
      },
    ]);
    expect((await call('GET', `/v2/webhook-subscriptions/${sub.id}/deliveries?limit=0`)).status).toBe(400);

    const replay = await call(
      'POST',
      `/v2/webhook-subscriptions/${sub.id}/deliveries/${event.event_id}/replay`,
    );
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({
      eventId: event.event_id,
      replay: true,
      status: 'PENDING',
      attempts: [],
    });
    const rows = await handle.db
      .selectFrom('webhook_deliveries')
      .select(['id', 'replay', 'state'])
      .where('subscription_id', '=', sub.id)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: delivery.id, replay: false, state: 'DELIVERED' },
      { id: replay.body.id, replay: true, state: 'PENDING' },
    ]);
    const filtered = await call(
      'GET',
      `/v2/webhook-subscriptions/${sub.id}/deliveries?eventId=${event.event_id}&limit=1`,
    );
    expect(filtered.body.map((d: { replay: boolean }) => d.replay)).toEqual([true]);

    expect((await call('POST', `/v2/webhook-subscriptions/${sub.id}/deliveries/EVT1/replay`)).status).toBe(
      404,
    );
    expect((await call('POST', `/v2/webhook-subscriptions/${sub.id}/deliveries/nope/replay`)).status).toBe(
      404,
    );
    await handle.db
      .updateTable('webhook_subscriptions')
      .set({ status: 'CANCELLED' })
      .where('id', '=', sub.id)
      .execute();
    const refused = await call(
      'POST',
      `/v2/webhook-subscriptions/${sub.id}/deliveries/${event.event_id}/replay`,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DW-CONFLICT');
  });
});
