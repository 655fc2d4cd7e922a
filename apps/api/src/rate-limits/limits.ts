import type { DbHandle } from '@wallet/db';
import { SharedLimit } from './shared-limit.js';

/** Every limit of the API, shared by all its replicas through PostgreSQL. */
export interface RateLimits {
  /** Requests per tenant (whichever of its keys). */
  perTenant: SharedLimit;
  /** Failed authentications per client address, on partner routes. */
  authFailuresPerAddress: SharedLimit;
  /** Failed authentications per presented key prefix (`wk_` and 8 characters). */
  authFailuresPerPrefix: SharedLimit;
  /** Every `/admin` request per client address. */
  admin: SharedLimit;
}

export function createRateLimits(
  pool: DbHandle['pool'],
  config: { perTenant: number; authFailures: number; admin: number },
): RateLimits {
  return {
    perTenant: new SharedLimit(pool, 'tenant', config.perTenant),
    authFailuresPerAddress: new SharedLimit(pool, 'auth-failures-address', config.authFailures),
    authFailuresPerPrefix: new SharedLimit(pool, 'auth-failures-prefix', config.authFailures),
    admin: new SharedLimit(pool, 'admin', config.admin),
  };
}

/**
 * Every limit off, for an app built without a database (unit tests that hand createApp partial
 * services): a SharedLimit of 0 never touches its pool.
 */
export const RATE_LIMITS_OFF: RateLimits = createRateLimits(undefined as unknown as DbHandle['pool'], {
  perTenant: 0,
  authFailures: 0,
  admin: 0,
});
