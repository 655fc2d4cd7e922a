import { createDb, type DbHandle } from '@wallet/db';
import { generateSecret, verifyAccountUpdate } from '@wallet/webhooks';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';
import { type ReceivedCallback, startWebhookReceiver } from '../testing/webhook-receiver.js';

let api: TestApi;
let noGrace: TestApi;
let call: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
let handle: DbHandle;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  [api, noGrace] = await Promise.all([
    startTestApi({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_SECRET_GRACE_SECONDS: '3600' }),
    startTestApi({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_SECRET_GRACE_SECONDS: '0' }),
  ]);
  call = client(api.url, (await api.createTenant()).apiKey);
  other = client(api.url, (await api.createTenant()).apiKey);
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  await handle.destroy();
  await Promise.all([api.stop(), noGrace.stop()]);
});

let hooks = 0;
async function subscribe(as = call) {
  const res = await as('POST', '/v2/webhook-subscriptions', {
    url: `${receiver.url}?n=${++hooks}`,
    eventTypes: ['Account.UPDATE'],
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string };
}

async function rotate(id: string, headers: Record<string, string> = {}, as = call) {
  return as('POST', `/v2/webhook-subscriptions/${id}/rotate-secret`, undefined, headers);
}

type SignedHeaders = { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string };

/** A test send, as the subscriber receives it. */
async function testSend(id: string, as = call): Promise<ReceivedCallback & { plain: SignedHeaders }> {
  const before = receiver.requests.length;
  const res = await as('POST', `/v2/webhook-subscriptions/${id}/test`);
  expect(res.body.delivered).toBe(true);
  const got = receiver.requests[before];
  if (!got) throw new Error('nothing received');
  const plain = {
    'webhook-id': String(got.headers['webhook-id']),
    'webhook-timestamp': String(got.headers['webhook-timestamp']),
    'webhook-signature': String(got.headers['webhook-signature']),
  };
  return { ...got, plain };
}

async function storedRow(id: string) {
  return handle.db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

describe('POST /v2/webhook-subscriptions/{id}/rotate-secret', () => {
  it('answers a new secret once; for the grace both sign the test send, after it only the new one', async () => {
    const sub = await subscribe();
    const res = await rotate(sub.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: sub.id,
      url: expect.any(String),
      eventTypes: ['Account.UPDATE'],
      status: 'ACTIVE',
      maxAttempts: 8,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      createdAt: expect.any(String),
      cancelledAt: null,
      cancelReason: null,
      previousSecretExpiresAt: expect.stringMatching(/Z$/),
    });
    const newSecret = res.body.secret as string;
    expect(newSecret).not.toBe(sub.secret);
    const expiresIn = Date.parse(res.body.previousSecretExpiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(3590_000);
    expect(expiresIn).toBeLessThanOrEqual(3600_000);

    const during = await testSend(sub.id);
    expect(during.plain['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    expect(new Webhook(newSecret).verify(during.body, during.plain)).toMatchObject({ test: true });
    expect(new Webhook(sub.secret).verify(during.body, during.plain)).toMatchObject({ test: true });
    expect(() => new Webhook(generateSecret()).verify(during.body, during.plain)).toThrow();
    // The body signature stays the old secret's during the grace.
    expect(verifyAccountUpdate(sub.secret, during.body, during.headers).test).toBe(true);
    expect(verifyAccountUpdate([newSecret, sub.secret], during.body, during.headers).test).toBe(true);

    await sql`UPDATE webhook_subscriptions SET previous_secret_expires_at = now() - interval '1 second'
      WHERE id = ${sub.id}`.execute(handle.db);
    const after = await testSend(sub.id);
    expect(after.plain['webhook-signature']).not.toContain(' ');
    expect(new Webhook(newSecret).verify(after.body, after.plain)).toMatchObject({ test: true });
    expect(() => new Webhook(sub.secret).verify(after.body, after.plain)).toThrow();
    expect(verifyAccountUpdate(newSecret, after.body, after.headers).test).toBe(true);
  });

  it('never shows a secret again, stores none in plain text, logs none', async () => {
    const sub = await subscribe();
    const rotated = (await rotate(sub.id)).body.secret as string;
    const shown = [
      await call('GET', `/v2/webhook-subscriptions/${sub.id}`),
      await call('GET', '/v2/webhook-subscriptions'),
      await call('PATCH', `/v2/webhook-subscriptions/${sub.id}`, { maxAttempts: 4 }),
      await call('POST', `/v2/webhook-subscriptions/${sub.id}/test`),
    ];
    const row = await storedRow(sub.id);
    const stored = JSON.stringify(row);
    for (const secret of [sub.secret, rotated]) {
      for (const res of shown) {
        expect(res.text).not.toContain(secret.slice(6));
        expect(res.body).not.toHaveProperty('secret');
      }
      expect(stored).not.toContain(secret.slice(6));
      expect(api.logLines.join('\n')).not.toContain(secret.slice(6));
    }
    expect(row).toMatchObject({
      secret: null,
      secret_key_id: 'development',
      previous_secret_key_id: 'development',
    });
    expect(row.secret_ciphertext).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('rotating twice within the grace keeps two secrets: the one replaced, and the new one', async () => {
    const sub = await subscribe();
    const second = (await rotate(sub.id)).body.secret as string;
    const third = (await rotate(sub.id)).body.secret as string;
    const got = await testSend(sub.id);
    expect(got.plain['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(third).verify(got.body, got.plain)).toBeTruthy();
    expect(new Webhook(second).verify(got.body, got.plain)).toBeTruthy();
    expect(() => new Webhook(sub.secret).verify(got.body, got.plain)).toThrow();
    expect(verifyAccountUpdate([third, second], got.body, got.headers).test).toBe(true);
  });

  it('an Idempotency-Key makes a retry answer the same secret, rotating nothing', async () => {
    const sub = await subscribe();
    const first = await rotate(sub.id, { 'idempotency-key': 'rotate-1' });
    const retry = await rotate(sub.id, { 'idempotency-key': 'rotate-1' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.body).toEqual(first.body);
    // The original secret still signs: the retry did not push it out.
    const got = await testSend(sub.id);
    expect(new Webhook(sub.secret).verify(got.body, got.plain)).toBeTruthy();
    // Another key rotates again.
    const next = await rotate(sub.id, { 'idempotency-key': 'rotate-2' });
    expect(next.body.secret).not.toBe(first.body.secret);
    // The first key no longer answers once a later rotation happened: it rotates.
    const stale = await rotate(sub.id, { 'idempotency-key': 'rotate-1' });
    expect(stale.headers.get('idempotent-replayed')).toBeNull();
    expect(stale.body.secret).not.toBe(first.body.secret);
    const bad = await rotate(sub.id, { 'idempotency-key': 'x'.repeat(300) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fieldErrors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
  });

  it('another tenant’s subscription, a malformed id and no key are refused', async () => {
    const sub = await subscribe();
    const foreign = await rotate(sub.id, {}, other);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('DW-NOT-FOUND');
    expect((await rotate('not-a-uuid')).status).toBe(404);
    expect((await rotate('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const anonymous = await client(api.url)('POST', `/v2/webhook-subscriptions/${sub.id}/rotate-secret`);
    expect(anonymous.status).toBe(401);
    // Nothing changed: the original secret alone signs.
    const got = await testSend(sub.id);
    expect(got.plain['webhook-signature']).not.toContain(' ');
    expect(new Webhook(sub.secret).verify(got.body, got.plain)).toBeTruthy();
  });

  it('a cancelled subscription rotates too (its secret signs test sends and, once reactivated, deliveries)', async () => {
    const sub = await subscribe();
    await sql`UPDATE webhook_subscriptions SET status = 'CANCELLED', cancelled_at = now(), cancel_reason = 'test'
      WHERE id = ${sub.id}`.execute(handle.db);
    const res = await rotate(sub.id);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('CANCELLED');
    const got = await testSend(sub.id);
    expect(new Webhook(res.body.secret).verify(got.body, got.plain)).toBeTruthy();
  });

  it('{"graceSeconds"} sets this rotation’s grace: 0 stops a leaked secret at once; bad values are field errors', async () => {
    const leaked = await subscribe();
    const now = await call('POST', `/v2/webhook-subscriptions/${leaked.id}/rotate-secret`, {
      graceSeconds: 0,
    });
    expect(now.status).toBe(200);
    expect(now.body.previousSecretExpiresAt).toBeNull();
    const got = await testSend(leaked.id);
    expect(got.plain['webhook-signature']).not.toContain(' ');
    expect(new Webhook(now.body.secret).verify(got.body, got.plain)).toBeTruthy();
    expect(() => new Webhook(leaked.secret).verify(got.body, got.plain)).toThrow();
    expect(verifyAccountUpdate(now.body.secret, got.body, got.headers).test).toBe(true);

    const sub = await subscribe();
    const minute = await call('POST', `/v2/webhook-subscriptions/${sub.id}/rotate-secret`, {
      graceSeconds: 60,
    });
    const left = Date.parse(minute.body.previousSecretExpiresAt) - Date.now();
    expect(left).toBeGreaterThan(50_000);
    expect(left).toBeLessThanOrEqual(60_000);
    // `{}` takes the operator's default (3600 s on this API).
    const defaults = await call('POST', `/v2/webhook-subscriptions/${sub.id}/rotate-secret`, {});
    expect(Date.parse(defaults.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(3_500_000);

    for (const [body, message] of [
      [{ graceSeconds: -1 }, 'must be at least 0'],
      [{ graceSeconds: 1.5 }, 'must be an integer'],
      [{ graceSeconds: 'soon' }, 'must be a number'],
      [{ grace: 5 }, 'unknown field'],
    ] as const) {
      const res = await call('POST', `/v2/webhook-subscriptions/${sub.id}/rotate-secret`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.fieldErrors).toEqual([
        expect.objectContaining({ error: expect.stringContaining(message) }),
      ]);
    }
    const text = await call('POST', `/v2/webhook-subscriptions/${sub.id}/rotate-secret`, 'graceSeconds=0', {
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(415);
  });

  it('with a grace of 0 the previous secret stops signing at once', async () => {
    const as = client(noGrace.url, (await noGrace.createTenant()).apiKey);
    const sub = await subscribe(as);
    const res = await rotate(sub.id, {}, as);
    expect(res.status).toBe(200);
    expect(res.body.previousSecretExpiresAt).toBeNull();
    const got = await testSend(sub.id, as);
    expect(got.plain['webhook-signature']).not.toContain(' ');
    expect(new Webhook(res.body.secret).verify(got.body, got.plain)).toBeTruthy();
    expect(() => new Webhook(sub.secret).verify(got.body, got.plain)).toThrow();
  });
});
