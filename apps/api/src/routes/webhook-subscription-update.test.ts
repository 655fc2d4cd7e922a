import { createDb, type DbHandle } from '@wallet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

// Loopback URLs are allowed on `api`; `guarded` keeps the SSRF guard's default.
let api: TestApi;
let guarded: TestApi;
let call: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
let handle: DbHandle;
const HOOK = 'http://127.0.0.1:9/hooks';

beforeAll(async () => {
  [api, guarded] = await Promise.all([
    startTestApi({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }),
    startTestApi(),
  ]);
  call = client(api.url, (await api.createTenant()).apiKey);
  other = client(api.url, (await api.createTenant()).apiKey);
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
});
afterAll(async () => {
  await handle.destroy();
  await Promise.all([api.stop(), guarded.stop()]);
});

let hooks = 0;
async function subscribe(url = `${HOOK}?n=${++hooks}`) {
  const res = await call('POST', '/v2/webhook-subscriptions', { url, eventTypes: ['Account.UPDATE'] });
  expect(res.status).toBe(201);
  return res.body as { id: string; url: string };
}
const patch = (id: string, body: unknown, as = call) => as('PATCH', `/v2/webhook-subscriptions/${id}`, body);

describe('PATCH /v2/webhook-subscriptions/{id}', () => {
  it('changes url, eventTypes and maxAttempts, and pauses and resumes', async () => {
    const sub = await subscribe();
    const url = `${HOOK}/moved?n=${++hooks}`;
    const changed = await patch(sub.id, {
      url,
      eventTypes: ['Account.UPDATE', 'Account.UPDATE'],
      maxAttempts: 4,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id: sub.id,
      url,
      eventTypes: ['Account.UPDATE'],
      maxAttempts: 4,
      status: 'ACTIVE',
    });
    expect(changed.body.secret).toBeUndefined();
    const pausedRes = await patch(sub.id, { status: 'PAUSED' });
    expect(pausedRes.body).toMatchObject({ status: 'PAUSED', url, maxAttempts: 4 });
    expect((await call('GET', `/v2/webhook-subscriptions/${sub.id}`)).body.status).toBe('PAUSED');
    // Pausing twice is no error; the row says PAUSED.
    expect((await patch(sub.id, { status: 'PAUSED' })).body.status).toBe('PAUSED');
    const row = await handle.db
      .selectFrom('webhook_subscriptions')
      .select(['status', 'url', 'max_attempts'])
      .where('id', '=', sub.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'PAUSED', url, max_attempts: 4 });
    expect((await patch(sub.id, { status: 'ACTIVE' })).body.status).toBe('ACTIVE');
  });

  it('refuses bad bodies with field errors', async () => {
    const sub = await subscribe();
    // An unknown field is refused by name; with no known field, the body also lacks one to change ('').
    const cases: [unknown, string[]][] = [
      [{}, ['']],
      [{ url: 'ftp://example.com/' }, ['url']],
      [{ url: 'https://u:p@example.com/' }, ['url']],
      [{ eventTypes: [] }, ['eventTypes']],
      [{ eventTypes: ['Account.CREATE'] }, ['eventTypes.0']],
      [{ maxAttempts: 0 }, ['maxAttempts']],
      [{ maxAttempts: 21 }, ['maxAttempts']],
      [{ status: 'CANCELLED' }, ['status']],
      [{ paused: true }, ['paused', '']],
      [{ secret: 'mine' }, ['secret', '']],
    ];
    for (const [body, field] of cases) {
      const res = await patch(sub.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('5068');
      expect(res.body.error.fieldErrors.map((f: { field: string }) => f.field)).toEqual(field);
    }
    expect((await patch(sub.id, 'not json')).status).toBe(400);
    expect((await call('GET', `/v2/webhook-subscriptions/${sub.id}`)).body.url).toBe(sub.url);
  });

  it('keeps the uniqueness rule: another active or paused twin is 409', async () => {
    const taken = await subscribe();
    const sub = await subscribe();
    const res = await patch(sub.id, { url: taken.url });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBeDefined();
    await patch(taken.id, { status: 'PAUSED' });
    expect((await patch(sub.id, { url: taken.url })).status).toBe(409);
    // Nor may a new one twin a paused one.
    expect(
      (await call('POST', '/v2/webhook-subscriptions', { url: taken.url, eventTypes: ['Account.UPDATE'] }))
        .status,
    ).toBe(409);
    expect((await call('GET', `/v2/webhook-subscriptions/${sub.id}`)).body.url).toBe(sub.url);
  });

  it('refuses to pause or resume a cancelled subscription (409) but lets its url change', async () => {
    const sub = await subscribe();
    await handle.db
      .updateTable('webhook_subscriptions')
      .set({ status: 'CANCELLED', cancelled_at: new Date(), cancel_reason: 'test' })
      .where('id', '=', sub.id)
      .execute();
    for (const status of ['ACTIVE', 'PAUSED']) {
      const res = await patch(sub.id, { status });
      expect(res.status, status).toBe(409);
      expect(res.text).toMatch(/reactivate/);
    }
    const moved = await patch(sub.id, { url: `${HOOK}/c?n=${++hooks}` });
    expect(moved.status).toBe(200);
    expect(moved.body.status).toBe('CANCELLED');
  });

  it('answers 404 for another tenant’s subscription and leaves it unchanged', async () => {
    const sub = await subscribe();
    const res = await patch(sub.id, { status: 'PAUSED' }, other);
    expect(res.status).toBe(404);
    expect((await patch('00000000-0000-4000-8000-000000000000', { status: 'PAUSED' })).status).toBe(404);
    expect((await call('GET', `/v2/webhook-subscriptions/${sub.id}`)).body.status).toBe('ACTIVE');
  });

  it('runs the SSRF guard on a new url', async () => {
    const guardedCall = client(guarded.url, (await guarded.createTenant()).apiKey);
    const created = await guardedCall('POST', '/v2/webhook-subscriptions', {
      url: 'https://93.184.216.34/hooks',
      eventTypes: ['Account.UPDATE'],
    });
    expect(created.status).toBe(201);
    for (const [url, error] of [
      ['http://127.0.0.1:8080/hooks', /^must not resolve to a private, loopback or link-local address/],
      ['http://169.254.169.254/latest/meta-data', /^must not resolve to a private/],
      ['https://93.184.216.34:22/hooks', /^must use port 80, 443 or 1024-65535/],
    ] as const) {
      const res = await patch(created.body.id, { url }, guardedCall);
      expect(res.status, url).toBe(400);
      expect(res.body.error.fieldErrors[0]).toMatchObject({
        field: 'url',
        error: expect.stringMatching(error),
      });
    }
    const shown = await guardedCall('GET', `/v2/webhook-subscriptions/${created.body.id}`);
    expect(shown.body.url).toBe('https://93.184.216.34/hooks');
  });
});
