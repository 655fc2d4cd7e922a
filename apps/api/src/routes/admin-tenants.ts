import { ApiError } from '@wallet/errors';
import { createTenantBody } from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { insertKey } from '../credentials/repository.js';
import { newApiKey } from '../credentials/secrets.js';
import { adminAuth } from '../middleware/admin-auth.js';
import { isUniqueViolation } from '../params.js';

/**
 * `POST /admin/tenants`: the tenant and its first API key, returned this once and stored only as a
 * hash. `tenants.api_key_hash` is still written (compatibility, see migration 0011); the key row gets
 * its prefix and the label `initial`.
 */
export function registerAdminTenants(app: Hono<AppEnv>): void {
  app.post('/admin/tenants', adminAuth, async (c) => {
    const { name } = await jsonBody(c, createTenantBody);
    const key = newApiKey();
    try {
      await c
        .get('services')
        .db.transaction()
        .execute(async (trx) => {
          const tenant = await trx
            .insertInto('tenants')
            .values({ name, api_key_hash: key.hash })
            .returning('id')
            .executeTakeFirstOrThrow();
          await insertKey(trx, { tenantId: tenant.id, hash: key.hash, prefix: key.prefix, label: 'initial' });
        });
    } catch (err) {
      if (isUniqueViolation(err, 'tenants_name_key'))
        throw new ApiError('conflict', `Tenant ${name} already exists`);
      throw err;
    }
    return c.json({ name, apiKey: key.apiKey }, 201);
  });
}
