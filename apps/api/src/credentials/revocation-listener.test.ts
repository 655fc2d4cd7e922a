import { createDb } from '@wallet/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ API_KEY_CACHE_TTL_MS: '60000' });
});
afterAll(() => api.stop());

async function until(check: () => boolean, capMs = 10_000) {
  const start = Date.now();
  while (!check() && Date.now() - start < capMs) await new Promise((r) => setTimeout(r, 20));
  return check();
}

it('a revocation sent while the LISTEN connection was down is not missed: the cache is cleared on reconnect', async () => {
  const tenant = await api.createTenant();
  const call = client(api.url, tenant.apiKey);
  const created = await call('POST', '/v2/api-keys', { label: 'revoked while offline' });
  const revokedLater = client(api.url, created.body.apiKey);
  expect((await revokedLater('GET', '/v2/customer-persons')).status).toBe(200);
  expect(await until(() => api.services.keyCache.enabled)).toBe(true);

  await api.databaseProxy.cut();
  expect(await until(() => !api.services.keyCache.enabled)).toBe(true);
  // Revoked behind the API's back (directly in the database): its NOTIFY reaches no one.
  const direct = createDb({ connectionString: api.database.connectionString, max: 1 });
  await direct.db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', created.body.id)
    .execute();
  await direct.destroy();
  await api.databaseProxy.restore();
  expect(await until(() => api.services.keyCache.enabled)).toBe(true);

  // The 60 s cache entry was dropped on reconnect: the key is read again and refused.
  expect((await revokedLater('GET', '/v2/customer-persons')).status).toBe(401);
  expect((await call('GET', '/v2/customer-persons')).status).toBe(200);
});
