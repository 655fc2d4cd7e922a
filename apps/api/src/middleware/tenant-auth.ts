import { createHash } from 'node:crypto';
import type { TenantRow } from '@wallet/db';
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

/** How long a resolved key is trusted without asking the database again. */
const CACHE_TTL_MS = 10_000;
const CACHE_MAX = 10_000;

/**
 * Resolves the caller's tenant from `Authorization: Bearer <apiKey>`. API keys are random
 * 256-bit values, so a plain SHA-256 is enough to store them and to look them up in constant time.
 * Keys found are remembered for ten seconds by this app instance, which saves a database round trip on
 * most requests; unknown keys are never remembered, so a new tenant's key works at once.
 */
export function tenantAuth() {
  const cache = new Map<string, { tenant: TenantRow; until: number }>();
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = bearerToken(c.req.header('authorization'));
    if (!key) throw new ApiError('unauthorized', 'A valid API key is required');
    const hash = hashApiKey(key);
    const now = Date.now();
    const cached = cache.get(hash);
    let tenant = cached && cached.until > now ? cached.tenant : undefined;
    if (!tenant) {
      tenant = await c
        .get('services')
        .db.selectFrom('tenants')
        .selectAll()
        .where('api_key_hash', '=', hash)
        .executeTakeFirst();
      if (!tenant) throw new ApiError('unauthorized', 'A valid API key is required');
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(hash, { tenant, until: now + CACHE_TTL_MS });
    }
    c.set('tenant', tenant);
    await next();
  });
}
