import { createHash } from 'node:crypto';
import { createDb } from '@wallet/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_TOKEN, client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

it('creates a tenant, returns its key once and stores only its hash', async () => {
  const res = await client(api.url, ADMIN_TOKEN)('POST', '/admin/tenants', { name: 'acme-pay' });
  expect(res.status).toBe(201);
  expect(res.body).toEqual({ name: 'acme-pay', apiKey: expect.stringMatching(/^wk_[A-Za-z0-9_-]{43}$/) });
  const handle = createDb({ connectionString: api.database.connectionString, max: 1 });
  const row = await handle.db
    .selectFrom('tenants')
    .selectAll()
    .where('name', '=', 'acme-pay')
    .executeTakeFirstOrThrow();
  await handle.destroy();
  expect(JSON.stringify(row)).not.toContain(res.body.apiKey);
  expect(row.api_key_hash).toBe(createHash('sha256').update(res.body.apiKey).digest('hex'));
  // The key works for partner routes.
  expect((await client(api.url, res.body.apiKey)('GET', '/v2/customer-persons')).status).toBe(200);
});

it('answers 409 for a duplicate name and 400 for a bad one', async () => {
  const admin = client(api.url, ADMIN_TOKEN);
  await admin('POST', '/admin/tenants', { name: 'dup-tenant' });
  const dup = await admin('POST', '/admin/tenants', { name: 'dup-tenant' });
  expect(dup.status).toBe(409);
  expect(dup.body.error.code).toBe('DW-CONFLICT');
  const bad = await admin('POST', '/admin/tenants', { name: 'Not A Name!' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.fieldErrors[0].field).toBe('name');
});

it('refuses without the admin token, and a tenant key is not an admin token', async () => {
  expect((await client(api.url)('POST', '/admin/tenants', { name: 'x1' })).status).toBe(401);
  const { apiKey } = await api.createTenant();
  expect((await client(api.url, apiKey)('POST', '/admin/tenants', { name: 'x2' })).status).toBe(401);
});
