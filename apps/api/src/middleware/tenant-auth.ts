import { ApiError } from '@wallet/errors';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { findKeyCandidates, touchKey } from '../credentials/repository.js';
import { hashApiKey, prefixOf, sameHash } from '../credentials/secrets.js';
import { clientAddress } from '../rate-limits/client-address.js';
import { RATE_LIMITS_OFF, type RateLimits } from '../rate-limits/limits.js';

export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer ([\x21-\x7e]{1,256})$/.exec(header) : null;
  return match?.[1];
}

/** An app built with partial services (a unit test without a database) has no limits. */
const limitsOf = (c: Context<AppEnv>): RateLimits => c.get('services').rateLimits ?? RATE_LIMITS_OFF;

/** Counts a failed authentication against the address and the key prefix, then answers 401. */
async function refuse(c: Context<AppEnv>, address: string, prefix: string | undefined): Promise<never> {
  const limits = limitsOf(c);
  await Promise.all([
    limits.authFailuresPerAddress.count(address),
    prefix === undefined ? undefined : limits.authFailuresPerPrefix.count(prefix),
  ]);
  throw new ApiError('unauthorized', 'A valid API key is required');
}

/**
 * Resolves the caller's tenant from `Authorization: Bearer <apiKey>`. The key is found by its prefix
 * (keys from before prefixes, by hash) and its SHA-256 compared in constant time; a revoked or expired
 * key is refused. Keys found are remembered by this process (see KeyCache: revocation is announced
 * over LISTEN/NOTIFY); unknown keys are never remembered, so a new key works at once.
 *
 * Failed authentications are counted per client address and per key prefix (shared by all replicas);
 * an address or prefix that has spent its budget gets 429 before its key is even looked at. A cached
 * (valid) key skips those checks, so a partner's traffic costs them nothing.
 */
export function tenantAuth() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { db, keyCache } = c.get('services');
    const rateLimits = limitsOf(c);
    const presented = bearerToken(c.req.header('authorization'));
    const address = clientAddress(c);
    const hash = presented === undefined ? undefined : hashApiKey(presented);
    const now = Date.now();
    let key = hash === undefined ? undefined : keyCache.get(hash, now);
    if (!key) {
      const prefix = presented === undefined ? undefined : prefixOf(presented);
      await rateLimits.authFailuresPerAddress.refuseIfSpent(c, address);
      if (prefix !== undefined) await rateLimits.authFailuresPerPrefix.refuseIfSpent(c, prefix);
      if (presented === undefined || hash === undefined) return refuse(c, address, undefined);
      const candidates = await findKeyCandidates(db, prefix, hash);
      key = candidates.find((k) => sameHash(k.key_hash, hash));
      if (!key || (key.expires_at && key.expires_at.getTime() <= now)) return refuse(c, address, prefix);
      await touchKey(db, key.id);
      keyCache.set(hash, key, now);
    } else if (key.expires_at && key.expires_at.getTime() <= now) {
      return refuse(c, address, prefixOf(presented ?? ''));
    }
    c.set('tenant', key.tenant);
    c.set('apiKeyId', key.id);
    await next();
  });
}
