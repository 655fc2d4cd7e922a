import { listActiveApiKeysPage, listTenantsPage } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import {
  API_KEYS_CURSOR,
  createApiKeyBody,
  createTenantBody,
  listApiKeysQuery,
  listTenantsQuery,
  parseOrThrow,
  TENANTS_CURSOR,
} from '@wallet/validation';
import type { Context, Hono } from 'hono';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { findTenantByName, insertKey, revokeKey } from '../credentials/repository.js';
import { newApiKey } from '../credentials/secrets.js';
import { adminAuth } from '../middleware/admin-auth.js';
import { linkNextPage } from '../paging.js';
import { presentApiKey } from '../presenters/api-key.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Creates a key for the tenant; the only answer that ever carries the key itself. */
async function createKey(c: Context<AppEnv>, tenantId: string) {
  const body = await jsonBody(c, createApiKeyBody);
  const key = newApiKey();
  const row = await insertKey(c.get('services').db, {
    tenantId,
    hash: key.hash,
    prefix: key.prefix,
    label: body.label,
    expiresAt: body.expiresAt,
  });
  return c.json({ ...presentApiKey(row), apiKey: key.apiKey }, 201);
}

async function listKeys(c: Context<AppEnv>, tenantId: string) {
  const query = parseOrThrow(listApiKeysQuery, c.req.query());
  const page = await listActiveApiKeysPage(c.get('services').db, tenantId, query);
  linkNextPage(c, API_KEYS_CURSOR, page.nextKey);
  return c.json(page.rows.map(presentApiKey));
}

async function revoke(c: Context<AppEnv>, tenantId: string, keepOne: boolean) {
  const keyId = c.req.param('keyId') ?? '';
  const result = UUID.test(keyId)
    ? await revokeKey(c.get('services').db, tenantId, keyId, { keepOne })
    : 'not_found';
  if (result === 'not_found') throw new ApiError('not_found', 'API key not found');
  if (result === 'last')
    throw new ApiError('conflict', 'The last active API key cannot be revoked; create another one first');
  // This process at once; the others when the NOTIFY of the revoking transaction reaches them.
  c.get('services').keyCache.forgetKey(keyId);
  return c.body(null, 204);
}

async function tenantNamed(c: Context<AppEnv>) {
  const name = c.req.param('tenantName') ?? '';
  const tenant = createTenantBody.shape.name.safeParse(name).success
    ? await findTenantByName(c.get('services').db, name)
    : undefined;
  if (!tenant) throw new ApiError('not_found', 'Tenant not found');
  return tenant;
}

/**
 * API keys: the operator manages any tenant's under `/admin/tenants/{tenantName}/api-keys`, a partner
 * its own under `/v2/api-keys`. Rotation is create-then-revoke, so both keys work in between.
 */
export function registerApiKeys(app: Hono<AppEnv>): void {
  app.get('/admin/tenants', adminAuth, async (c) => {
    const query = parseOrThrow(listTenantsQuery, c.req.query());
    const page = await listTenantsPage(c.get('services').db, query);
    linkNextPage(c, TENANTS_CURSOR, page.nextKey);
    return c.json(page.rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at.toISOString() })));
  });
  app.post('/admin/tenants/:tenantName/api-keys', adminAuth, async (c) =>
    createKey(c, (await tenantNamed(c)).id),
  );
  app.get('/admin/tenants/:tenantName/api-keys', adminAuth, async (c) => {
    const tenant = await tenantNamed(c);
    return listKeys(c, tenant.id);
  });
  // The operator may revoke a tenant's last key (to shut a partner out).
  app.delete('/admin/tenants/:tenantName/api-keys/:keyId', adminAuth, async (c) =>
    revoke(c, (await tenantNamed(c)).id, false),
  );
}

/** Partner routes; registered after the partner auth middleware. */
export function registerOwnApiKeys(app: Hono<AppEnv>): void {
  app.post('/v2/api-keys', (c) => createKey(c, c.get('tenant').id));
  app.get('/v2/api-keys', async (c) => {
    return listKeys(c, c.get('tenant').id);
  });
  // A partner cannot revoke its last key: it would lock itself out.
  app.delete('/v2/api-keys/:keyId', (c) => revoke(c, c.get('tenant').id, true));
}
