import { randomBytes } from 'node:crypto';
import { ApiError } from '@wallet/errors';
import { createTenantBody } from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { adminAuth } from '../middleware/admin-auth.js';
import { hashApiKey } from '../middleware/tenant-auth.js';
import { isUniqueViolation } from '../params.js';

/** `POST /admin/tenants`: the API key is returned this once and stored only as a hash. */
export function registerAdminTenants(app: Hono<AppEnv>): void {
  app.post('/admin/tenants', adminAuth, async (c) => {
    const { name } = await jsonBody(c, createTenantBody);
    const apiKey = `wk_${randomBytes(32).toString('base64url')}`;
    try {
      await c
        .get('services')
        .db.insertInto('tenants')
        .values({ name, api_key_hash: hashApiKey(apiKey) })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err, 'tenants_name_key'))
        throw new ApiError('conflict', `Tenant ${name} already exists`);
      throw err;
    }
    return c.json({ name, apiKey }, 201);
  });
}
