import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { clientAddress } from '../rate-limits/client-address.js';

/**
 * Per tenant (whichever of its keys), a fixed one-minute window counted in PostgreSQL, so N replicas
 * together allow RATE_LIMIT_PER_MINUTE, not N times it. 429 carries Retry-After; every answer the
 * RateLimit and RateLimit-Policy headers.
 */
export const tenantRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  await c.get('services').rateLimits.perTenant.consume(c, c.get('tenant').id);
  await next();
});

/** Every `/admin` request, per client address, before the token is even compared. */
export const adminRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  await c.get('services').rateLimits.admin.consume(c, clientAddress(c));
  await next();
});
