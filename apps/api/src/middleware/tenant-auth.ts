import { ApiError } from '@wallet/errors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { findKeyCandidates, touchKey } from '../credentials/repository.js';
import { hashApiKey, prefixOf, sameHash } from '../credentials/secrets.js';

export { hashApiKey } from '../credentials/secrets.js';

export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer ([\x21-\x7e]{1,256})$/.exec(header) : null;
  return match?.[1];
}

const unauthorized = () => new ApiError('unauthorized', 'A valid API key is required');

/**
 * Resolves the caller's tenant from `Authorization: Bearer <apiKey>`. The key is found by its prefix
 * (keys from before prefixes, by hash) and its SHA-256 compared in constant time; a revoked or expired
 * key is refused. Keys found are remembered by this process (see KeyCache: revocation is announced
 * over LISTEN/NOTIFY); unknown keys are never remembered, so a new key works at once.
 */
export function tenantAuth() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const presented = bearerToken(c.req.header('authorization'));
    if (!presented) throw unauthorized();
    const { db, keyCache } = c.get('services');
    const hash = hashApiKey(presented);
    const now = Date.now();
    let key = keyCache.get(hash, now);
    if (!key) {
      const candidates = await findKeyCandidates(db, prefixOf(presented), hash);
      key = candidates.find((k) => sameHash(k.key_hash, hash));
      if (!key || (key.expires_at && key.expires_at.getTime() <= now)) throw unauthorized();
      await touchKey(db, key.id);
      keyCache.set(hash, key, now);
    } else if (key.expires_at && key.expires_at.getTime() <= now) {
      throw unauthorized();
    }
    c.set('tenant', key.tenant);
    c.set('apiKeyId', key.id);
    await next();
  });
}
