import { ApiError } from '@wallet/errors';
import type { MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import type { AppEnv } from '../context.js';

/**
 * Per API key (tenant), a fixed one-minute window, in this process's memory: with N replicas a tenant
 * gets up to N times the limit. 429 carries Retry-After (seconds to the window's end) and RateLimit-* headers.
 */
export function tenantRateLimit(perMinute: number): MiddlewareHandler<AppEnv> {
  if (perMinute === 0) return async (_c, next) => next();
  return rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => c.get('tenant').id,
    handler: (c) => {
      const reset = c.get('rateLimit' as never) as { resetTime?: Date } | undefined;
      const seconds = reset?.resetTime
        ? Math.max(1, Math.ceil((reset.resetTime.getTime() - Date.now()) / 1000))
        : 60;
      throw new ApiError('rate_limited', `Rate limit of ${perMinute} requests per minute exceeded`, {
        retryAfter: seconds,
      });
    },
  });
}
