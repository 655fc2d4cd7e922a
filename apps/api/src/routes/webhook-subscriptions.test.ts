import { createDb, type DbHandle } from '@wallet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

// Loopback receivers are allowed here; the SSRF guard is tested on the API with its default below.
let api: TestApi;
let call: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
let handle: DbHandle;
const HOOK = 'http://127.0.0.1:9/hooks';

beforeAll(async () => {
  api = await startTestApi({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
  call = client(api.url, (await api.createTenant()).apiKey);
  other = client(api.url, (await api.createTenant()).apiKey);
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
});
afterAll(async () => {
  await handle.destroy();
  await api.stop();
});

// (tenant, url, eventTypes) is unique among active subscriptions: each call gets its own url unless told.
let hooks = 0;
const subscribe = (body: object = {}) =>
  call('POST', '/v2/webhook-subscriptions', {
    url: `${HOOK}?n=${++hooks}`,
    eventTypes: ['Account.UPDATE'],
    ...body,
  });

describe('webhook subscriptions', () => {
  it('creates one with a whsec_ secret shown once, then lists and shows it without the secret', async () => {
    const res = await subscribe({ url: HOOK });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: HOOK,
      eventTypes: ['Account.UPDATE'],
      status: 'ACTIVE',
      maxAttempts: 8,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/),
      cancelledAt: null,
      cancelReason: null,
    });
    const { secret, ...shown } = res.body;
    const one = await call('GET', `/v2/webhook-subscriptions/${res.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(shown);
    const list = await call('GET', '/v2/webhook-subscriptions');
    expect(list.body).toContainEqual(shown);
    expect(list.text).not.toContain(secret);
    expect(api.logLines.join('\n')).not.toContain(secret.slice(6));
    expect((await subscribe({ maxAttempts: 3 })).body.maxAttempts).toBe(3);
  });

  it('rejects bad bodies with field errors, and needs a key', async () => {
    const cases: [object, string][] = [
      [{ url: 'ftp://example.com/x' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ url: 'https://user:pw@example.com/' }, 'url'],
      [{ eventTypes: ['Account.CREATE'] }, 'eventTypes.0'],
      [{ eventTypes: [] }, 'eventTypes'],
      [{ maxAttempts: 0 }, 'maxAttempts'],
      [{ maxAttempts: 21 }, 'maxAttempts'],
      [{ secret: 'mine' }, 'secret'],
    ];
    for (const [body, field] of cases) {
      const res = await subscribe(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('5068');
      expect(res.body.error.fieldErrors.map((f: { field: string }) => f.field)).toEqual([field]);
    }
    const anonymous = client(api.url);
    expect((await anonymous('GET', '/v2/webhook-subscriptions')).status).toBe(401);
    const wrong = client(api.url, 'not-a-key');
    const res = await wrong('POST', '/v2/webhook-subscriptions', {
      url: HOOK,
      eventTypes: ['Account.UPDATE'],
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('DW-UNAUTHORIZED');
  });

  it('keeps tenants apart: another tenant’s subscription is 404 everywhere', async () => {
    const { id } = (await subscribe()).body;
    for (const [method, path] of [
      ['GET', `/v2/webhook-subscriptions/${id}`],
      ['DELETE', `/v2/webhook-subscriptions/${id}`],
      ['POST', `/v2/webhook-subscriptions/${id}/reactivate`],
      ['GET', `/v2/webhook-subscriptions/${id}/deliveries`],
      ['POST', `/v2/webhook-subscriptions/${id}/deliveries/EVT1358000/replay`],
    ] as const) {
      const res = await other(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe('DW-NOT-FOUND');
    }
    expect((await other('GET', '/v2/webhook-subscriptions')).body).toEqual([]);
    expect((await call('GET', '/v2/webhook-subscriptions/not-a-uuid')).status).toBe(404);
    expect((await call('GET', `/v2/webhook-subscriptions/${id}`)).status).toBe(200);
  });

  it('deletes one, and reactivates a cancelled one', async () => {
    const { id } = (await subscribe()).body;
    expect((await call('DELETE', `/v2/webhook-subscriptions/${id}`)).status).toBe(204);
    expect((await call('GET', `/v2/webhook-subscriptions/${id}`)).status).toBe(404);
    expect((await call('DELETE', `/v2/webhook-subscriptions/${id}`)).status).toBe(404);

    const second = (await subscribe()).body.id;
    const cancelledAt = new Date('2025-01-02T03:04:05.000Z');
    await handle.db
      .updateTable('webhook_subscriptions')
      .set({
        status: 'CANCELLED',
        cancelled_at: cancelledAt,
        cancel_reason: 'the endpoint answered 410 Gone',
      })
      .where('id', '=', second)
      .execute();
    expect((await call('GET', `/v2/webhook-subscriptions/${second}`)).body).toMatchObject({
      status: 'CANCELLED',
      cancelledAt: cancelledAt.toISOString(),
      cancelReason: 'the endpoint answered 410 Gone',
    });
    const res = await call('POST', `/v2/webhook-subscriptions/${second}/reactivate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: second, status: 'ACTIVE', cancelledAt: null, cancelReason: null });
  });
});
