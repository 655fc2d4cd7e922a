import { createHmac } from 'node:crypto';
import { createDb, type DbHandle } from '@wallet/db';
import { verifyAccountUpdate } from '@wallet/webhooks';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';
import { deadUrl, startWebhookReceiver } from '../testing/webhook-receiver.js';

// Loopback receivers are allowed on `api`; `guarded` keeps the SSRF guard's default.
let api: TestApi;
let guarded: TestApi;
let call: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
let handle: DbHandle;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let answer = 200;

beforeAll(async () => {
  [api, guarded] = await Promise.all([
    startTestApi({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_TIMEOUT_MS: '500' }),
    startTestApi(),
  ]);
  call = client(api.url, (await api.createTenant()).apiKey);
  other = client(api.url, (await api.createTenant()).apiKey);
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
  receiver = await startWebhookReceiver(() => answer);
});
afterAll(async () => {
  await receiver.close();
  await handle.destroy();
  await Promise.all([api.stop(), guarded.stop()]);
});

let hooks = 0;
async function subscribe(url = `${receiver.url}?n=${++hooks}`) {
  const res = await call('POST', '/v2/webhook-subscriptions', { url, eventTypes: ['Account.UPDATE'] });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string; url: string };
}

describe('POST /v2/webhook-subscriptions/{id}/test', () => {
  it('sends a signed test event now and answers with the attempt’s outcome', async () => {
    answer = 200;
    const sub = await subscribe();
    const before = receiver.requests.length;
    const res = await call('POST', `/v2/webhook-subscriptions/${sub.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      eventId: expect.stringMatching(/^EVT0\d{18}$/),
      delivered: true,
      attemptedAt: expect.stringMatching(/Z$/),
      durationMs: expect.any(Number),
      statusCode: 200,
      error: null,
      responseBody: 'thanks',
    });
    expect(receiver.requests.length).toBe(before + 1);
    const got = receiver.requests.at(-1);
    if (!got) throw new Error('nothing received');
    expect(got.headers['webhook-id']).toBe(res.body.eventId);
    // Both signatures verify with the subscription's secret, with the library and our own verifier.
    const headers = {
      'webhook-id': String(got.headers['webhook-id']),
      'webhook-timestamp': String(got.headers['webhook-timestamp']),
      'webhook-signature': String(got.headers['webhook-signature']),
    };
    expect(new Webhook(sub.secret).verify(got.body, headers)).toMatchObject({ test: true });
    const body = verifyAccountUpdate(sub.secret, got.body, headers);
    expect(body).toMatchObject({ source: 'PL', eventName: 'Account.UPDATE', test: true });
    expect(Object.keys(body)).toEqual(['source', 'eventId', 'eventName', 'payload', 'test', 'signature']);
    expect(body.payload.id).toBe('1356001');
    // The README guide's lines, as written there: node's own request headers, and the body signature
    // recomputed from the raw body in one line.
    expect(new Webhook(sub.secret).verify(got.body, got.headers as Record<string, string>)).toMatchObject({
      eventId: res.body.eventId,
    });
    const raw = got.body;
    const key = Buffer.from(sub.secret.slice(6), 'base64');
    expect(
      createHmac('sha256', key)
        .update(`${raw.slice(0, raw.lastIndexOf(',"signature":'))}}`)
        .digest('hex'),
    ).toBe(JSON.parse(raw).signature);
    // Two tests are two events (a subscriber de-duplicating on webhook-id sees both).
    const again = await call('POST', `/v2/webhook-subscriptions/${sub.id}/test`);
    expect(again.body.eventId).not.toBe(res.body.eventId);
  });

  it('reports a failing answer and a dead endpoint without touching deliveries or the subscription', async () => {
    const sub = await subscribe();
    // A pending delivery waiting for its retry: the test must not move it, nor add a row.
    const customer = await call('POST', '/v2/customer-persons', {
      externalId: `wh-test-${++hooks}`,
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
    await handle.db
      .insertInto('webhook_deliveries')
      .values({
        subscription_id: sub.id,
        event_id: event.event_id,
        account_id: event.account_id,
        state: 'PENDING',
        attempt_count: 2,
        next_attempt_at: new Date('2030-01-01T00:00:00Z'),
      })
      .execute();
    const rowsBefore = await handle.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('subscription_id', '=', sub.id)
      .execute();
    const shownBefore = (await call('GET', `/v2/webhook-subscriptions/${sub.id}`)).body;

    answer = 500;
    const failed = await call('POST', `/v2/webhook-subscriptions/${sub.id}/test`);
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ delivered: false, statusCode: 500, error: null });

    answer = 410; // would cancel a real delivery; a test never does
    expect((await call('POST', `/v2/webhook-subscriptions/${sub.id}/test`)).body).toMatchObject({
      delivered: false,
      statusCode: 410,
    });

    const dead = await call('POST', '/v2/webhook-subscriptions', {
      url: await deadUrl(),
      eventTypes: ['Account.UPDATE'],
    });
    const refused = await call('POST', `/v2/webhook-subscriptions/${dead.body.id}/test`);
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ delivered: false, statusCode: null, responseBody: null });
    expect(refused.body.error).toMatch(/ECONNREFUSED/);

    expect((await call('GET', `/v2/webhook-subscriptions/${sub.id}`)).body).toEqual(shownBefore);
    const rowsAfter = await handle.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('subscription_id', '=', sub.id)
      .execute();
    expect(rowsAfter).toEqual(rowsBefore);
    expect(rowsAfter).toMatchObject([{ state: 'PENDING', attempt_count: 2 }]);
    expect((await handle.db.selectFrom('webhook_delivery_attempts').select('id').execute()).length).toBe(0);
  });

  it('answers 404 for another tenant’s subscription and an unknown id, sending nothing', async () => {
    answer = 200;
    const sub = await subscribe();
    const before = receiver.requests.length;
    const res = await other('POST', `/v2/webhook-subscriptions/${sub.id}/test`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBeDefined();
    expect(
      (await call('POST', '/v2/webhook-subscriptions/00000000-0000-4000-8000-000000000000/test')).status,
    ).toBe(404);
    expect((await call('POST', '/v2/webhook-subscriptions/not-a-uuid/test')).status).toBe(404);
    expect(receiver.requests.length).toBe(before);
  });

  it('keeps the SSRF guard: a loopback URL is refused at send time when private networks are not allowed', async () => {
    const tenant = await guarded.createTenant();
    const guardedCall = client(guarded.url, tenant.apiKey);
    const db = createDb({ connectionString: guarded.database.connectionString, max: 1 });
    try {
      // Stored directly: the API itself refuses such a URL at subscription time.
      const row = await db.db
        .insertInto('webhook_subscriptions')
        .values({
          tenant_id: (
            await db.db
              .selectFrom('tenants')
              .select('id')
              .where('name', '=', tenant.name)
              .executeTakeFirstOrThrow()
          ).id,
          url: receiver.url,
          event_types: ['Account.UPDATE'],
          secret: 'whsec_AwoRGB8mLTQ7QklQV15lbHN6gYiPlp2kq7K5wMfO1dw=',
          max_attempts: 3,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const before = receiver.requests.length;
      const res = await guardedCall('POST', `/v2/webhook-subscriptions/${row.id}/test`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ delivered: false, statusCode: null });
      expect(res.body.error).toMatch(/^blocked: 127\.0\.0\.1 is a loopback address/);
      expect(receiver.requests.length).toBe(before);
    } finally {
      await db.destroy();
    }
  });
});
