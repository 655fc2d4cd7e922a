import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** SHA-256 (hex) of an API key: keys are random 256-bit values, so a plain hash is enough to store them. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

/**
 * Compares two secrets in constant time without leaking their lengths: both are hashed to 32 bytes
 * first, so timingSafeEqual always compares equal-length buffers (it throws on different lengths,
 * and returning early on a length mismatch would tell an attacker the length).
 */
export function sameSecret(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Compares two hex SHA-256 digests in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === 32 && right.length === 32 && timingSafeEqual(left, right);
}

/** Characters of a key shown in lists and used to find it: `wk_` and 8 of its 43 random ones. */
const PREFIX_LENGTH = 11;

/** `wk_` and 43 base64url characters (256 random bits). */
const KEY_PATTERN = /^wk_[A-Za-z0-9_-]{43}$/;

export function newApiKey(): { apiKey: string; prefix: string; hash: string } {
  const apiKey = `wk_${randomBytes(32).toString('base64url')}`;
  return { apiKey, prefix: apiKey.slice(0, PREFIX_LENGTH), hash: hashApiKey(apiKey) };
}

/** The prefix of a presented key in today's format, or undefined (a key from before prefixes, or junk). */
export function prefixOf(apiKey: string): string | undefined {
  return KEY_PATTERN.test(apiKey) ? apiKey.slice(0, PREFIX_LENGTH) : undefined;
}
