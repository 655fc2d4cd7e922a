// One active subscription per (tenant, url, eventTypes), and a cap per tenant: 50 identical creates
// once gave 50 subscriptions, each receiving every event.
import { createDb, type DbHandle } from '@wallet/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
let handle: DbHandle;

beforeAll(async () => {
  api = await startTestApi({
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_MAX_SUBSCRIPTIONS_PER_TENANT: '5',
  });
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
});
afterAll(async () => {
  await handle.destroy();
  await api.stop();
});

const body = (url: string) => ({ url, eventTypes: ['Account.UPDATE', 'Account.UPDATE'] });

it('50 identical creates at once make one subscription; the others are 409 DW-CONFLICT', async () => {
  const call = client(api.url, (await api.createTenant()).apiKey);
  const results = await Promise.all(
    Array.from({ length: 50 }, () =>
      call('POST', '/v2/webhook-subscriptions', body('http://127.0.0.1:9/same')),
    ),
  );
  expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  const refused = results.filter((r) => r.status !== 201);
  expect(refused.map((r) => r.status)).toEqual(Array(49).fill(409));
  expect(refused[0]?.body.error.code).toBe('DW-CONFLICT');
  expect((await call('GET', '/v2/webhook-subscriptions')).body).toHaveLength(1);
});

it('a cancelled one does not block a new one, but cannot be reactivated beside it', async () => {
  const call = client(api.url, (await api.createTenant()).apiKey);
  const first = (await call('POST', '/v2/webhook-subscriptions', body('http://127.0.0.1:9/again'))).body;
  await handle.db
    .updateTable('webhook_subscriptions')
    .set({ status: 'CANCELLED', cancelled_at: new Date(), cancel_reason: 'test' })
    .where('id', '=', first.id)
    .execute();
  expect((await call('POST', '/v2/webhook-subscriptions', body('http://127.0.0.1:9/again'))).status).toBe(
    201,
  );
  const reactivated = await call('POST', `/v2/webhook-subscriptions/${first.id}/reactivate`);
  expect(reactivated.status).toBe(409);
  expect(reactivated.body.error.code).toBe('DW-CONFLICT');
});

it('a tenant holds at most WEBHOOK_MAX_SUBSCRIPTIONS_PER_TENANT subscriptions, even when created at once', async () => {
  const call = client(api.url, (await api.createTenant()).apiKey);
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      call('POST', '/v2/webhook-subscriptions', body(`http://127.0.0.1:9/n${i}`)),
    ),
  );
  expect(results.filter((r) => r.status === 201)).toHaveLength(5);
  expect(results.filter((r) => r.status === 409)).toHaveLength(7);
  // Another tenant is not affected.
  const other = client(api.url, (await api.createTenant()).apiKey);
  expect((await other('POST', '/v2/webhook-subscriptions', body('http://127.0.0.1:9/n0'))).status).toBe(201);
});
