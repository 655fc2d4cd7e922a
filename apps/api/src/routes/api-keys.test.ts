import { createDb } from '@wallet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const admin = () => client(api.url, ADMIN_TOKEN);
const KEY_FIELDS = ['createdAt', 'expiresAt', 'id', 'label', 'lastUsedAt', 'prefix'];

describe('admin API', () => {
  it('lists tenants and creates, lists and revokes a tenant’s keys; a revoked key is refused at once', async () => {
    const tenant = await api.createTenant();
    const tenants = await admin()('GET', '/admin/tenants');
    expect(tenants.status).toBe(200);
    expect(tenants.body).toContainEqual({
      id: expect.any(String),
      name: tenant.name,
      createdAt: expect.any(String),
    });

    const created = await admin()('POST', `/admin/tenants/${tenant.name}/api-keys`, { label: 'ci' });
    expect(created.status).toBe(201);
    expect(created.body.apiKey).toMatch(/^wk_[A-Za-z0-9_-]{43}$/);
    expect(created.body.prefix).toBe(created.body.apiKey.slice(0, 11));
    expect(created.body).toMatchObject({ label: 'ci', lastUsedAt: null, expiresAt: null });
    const second = client(api.url, created.body.apiKey);
    expect((await second('GET', '/v2/customer-persons')).status).toBe(200);

    const listed = await admin()('GET', `/admin/tenants/${tenant.name}/api-keys`);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(2);
    expect(listed.body.map((k: { label: string }) => k.label)).toEqual(['initial', 'ci']);
    for (const key of listed.body) expect(Object.keys(key).sort()).toEqual(KEY_FIELDS);
    expect(listed.text).not.toContain(created.body.apiKey);
    expect(listed.text).not.toContain(tenant.apiKey);
    // The key was used: last use is recorded.
    expect(listed.body[1].lastUsedAt).toEqual(expect.any(String));

    const revoked = await admin()('DELETE', `/admin/tenants/${tenant.name}/api-keys/${created.body.id}`);
    expect(revoked.status).toBe(204);
    const refused = await second('GET', '/v2/customer-persons');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('DW-UNAUTHORIZED');
    expect((await admin()('GET', `/admin/tenants/${tenant.name}/api-keys`)).body).toHaveLength(1);
    // Revoking again, or an unknown key, is 404.
    expect(
      (await admin()('DELETE', `/admin/tenants/${tenant.name}/api-keys/${created.body.id}`)).status,
    ).toBe(404);
    expect((await admin()('DELETE', `/admin/tenants/${tenant.name}/api-keys/not-a-uuid`)).status).toBe(404);
  });

  it('may revoke a tenant’s last key, shutting it out', async () => {
    const tenant = await api.createTenant();
    const [key] = (await admin()('GET', `/admin/tenants/${tenant.name}/api-keys`)).body;
    expect((await admin()('DELETE', `/admin/tenants/${tenant.name}/api-keys/${key.id}`)).status).toBe(204);
    expect((await client(api.url, tenant.apiKey)('GET', '/v2/customer-persons')).status).toBe(401);
  });

  it('answers 404 for an unknown tenant or another tenant’s key, 400 for a bad body', async () => {
    const one = await api.createTenant();
    const other = await api.createTenant();
    expect((await admin()('GET', '/admin/tenants/no-such-tenant/api-keys')).status).toBe(404);
    expect((await admin()('POST', '/admin/tenants/NOT_A_NAME/api-keys', {})).status).toBe(404);
    const [otherKey] = (await admin()('GET', `/admin/tenants/${other.name}/api-keys`)).body;
    expect((await admin()('DELETE', `/admin/tenants/${one.name}/api-keys/${otherKey.id}`)).status).toBe(404);
    expect((await client(api.url, other.apiKey)('GET', '/v2/customer-persons')).status).toBe(200);

    const past = await admin()('POST', `/admin/tenants/${one.name}/api-keys`, {
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body.error.fieldErrors).toEqual([{ field: 'expiresAt', error: 'must be in the future' }]);
    const unknown = await admin()('POST', `/admin/tenants/${one.name}/api-keys`, { secret: 'x' });
    expect(unknown.status).toBe(400);
    const long = await admin()('POST', `/admin/tenants/${one.name}/api-keys`, { label: 'x'.repeat(101) });
    expect(long.status).toBe(400);
  });

  it('refuses every admin route without the admin token, or with a tenant key, or a token of another length', async () => {
    const tenant = await api.createTenant();
    for (const token of [undefined, tenant.apiKey, ADMIN_TOKEN.slice(0, -1), `${ADMIN_TOKEN}x`, 'x']) {
      const call = client(api.url, token);
      expect((await call('GET', '/admin/tenants')).status).toBe(401);
      expect((await call('GET', `/admin/tenants/${tenant.name}/api-keys`)).status).toBe(401);
      expect((await call('POST', `/admin/tenants/${tenant.name}/api-keys`, {})).status).toBe(401);
    }
  });
});

describe('a partner’s own keys', () => {
  it('rotates: create a new key, both work, revoke the old one; the last key cannot be revoked', async () => {
    const tenant = await api.createTenant();
    const old = client(api.url, tenant.apiKey);
    const created = await old('POST', '/v2/api-keys', {
      label: 'rotated',
      expiresAt: '2999-01-01T00:00:00Z',
    });
    expect(created.status).toBe(201);
    expect(created.body.expiresAt).toBe('2999-01-01T00:00:00.000Z');
    const fresh = client(api.url, created.body.apiKey);
    expect((await old('GET', '/v2/customer-persons')).status).toBe(200);
    expect((await fresh('GET', '/v2/customer-persons')).status).toBe(200);

    const listed = await fresh('GET', '/v2/api-keys');
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(2);
    expect(listed.text).not.toContain(created.body.apiKey);
    const oldId = listed.body.find((k: { label: string }) => k.label === 'initial').id;

    expect((await fresh('DELETE', `/v2/api-keys/${oldId}`)).status).toBe(204);
    expect((await old('GET', '/v2/customer-persons')).status).toBe(401);
    expect((await old('GET', '/v2/api-keys')).status).toBe(401);
    const last = await fresh('DELETE', `/v2/api-keys/${created.body.id}`);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('DW-CONFLICT');
    expect((await fresh('GET', '/v2/customer-persons')).status).toBe(200);
  });

  it('cannot see or revoke another tenant’s keys', async () => {
    const one = await api.createTenant();
    const other = await api.createTenant();
    const [otherKey] = (await admin()('GET', `/admin/tenants/${other.name}/api-keys`)).body;
    const call = client(api.url, one.apiKey);
    await call('POST', '/v2/api-keys', {});
    const listed = await call('GET', '/v2/api-keys');
    expect(listed.body.map((k: { id: string }) => k.id)).not.toContain(otherKey.id);
    expect((await call('DELETE', `/v2/api-keys/${otherKey.id}`)).status).toBe(404);
    expect((await client(api.url, other.apiKey)('GET', '/v2/customer-persons')).status).toBe(200);
    expect((await client(api.url)('GET', '/v2/api-keys')).status).toBe(401);
    expect((await client(api.url, ADMIN_TOKEN)('GET', '/v2/api-keys')).status).toBe(401);
  });

  it('an expired key is refused', async () => {
    const tenant = await api.createTenant();
    const soon = new Date(Date.now() + 1_500).toISOString();
    const created = await client(api.url, tenant.apiKey)('POST', '/v2/api-keys', { expiresAt: soon });
    expect(created.status).toBe(201);
    const expiring = client(api.url, created.body.apiKey);
    expect((await expiring('GET', '/v2/customer-persons')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_600));
    expect((await expiring('GET', '/v2/customer-persons')).status).toBe(401);
  });
});

describe('compatibility and secrecy', () => {
  it('a tenant inserted with only tenants.api_key_hash (older code and fixtures) authenticates', async () => {
    const { newApiKey } = await import('../credentials/secrets.js');
    const key = newApiKey();
    const handle = createDb({ connectionString: api.database.connectionString, max: 1 });
    await handle.db.insertInto('tenants').values({ name: 'direct-insert', api_key_hash: key.hash }).execute();
    await handle.destroy();
    expect((await client(api.url, key.apiKey)('GET', '/v2/customer-persons')).status).toBe(200);
  });

  it('no key, hash or admin token appears in any log line', async () => {
    const tenant = await api.createTenant();
    const created = await client(api.url, tenant.apiKey)('POST', '/v2/api-keys', { label: 'logged?' });
    await client(api.url, created.body.apiKey)('GET', '/v2/api-keys');
    await client(api.url, `${created.body.apiKey}x`)('GET', '/v2/api-keys');
    const { hashApiKey } = await import('../credentials/secrets.js');
    const logs = api.logLines.join('\n');
    expect(api.logLines.length).toBeGreaterThan(0);
    for (const secret of [tenant.apiKey, created.body.apiKey, hashApiKey(created.body.apiKey), ADMIN_TOKEN])
      expect(logs).not.toContain(secret);
  });
});
