import { createHash } from 'node:crypto';
import { ApiError } from '@wallet/errors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer ([\x21-\x7e]{1,256})$/.exec(header) : null;
  return match?.[1];
}

/**
 * Resolves the caller's tenant from `Authorization: Bearer <apiKey>`. API keys are random
 * 256-bit values, so a plain SHA-256 is enough to store them and to look them up in constant time.
 */
export const tenantAuth = createMiddleware<AppEnv>(async (c, next) => {
  const key = bearerToken(c.req.header('authorization'));
  if (!key) throw new ApiError('unauthorized', 'A valid API key is required');
  const tenant = await c
    .get('services')
    .db.selectFrom('tenants')
    .selectAll()
    .where('api_key_hash', '=', hashApiKey(key))
    .executeTakeFirst();
  if (!tenant) throw new ApiError('unauthorized', 'A valid API key is required');
  c.set('tenant', tenant);
  await next();
});
