import { expect, it } from 'vitest';
import { hashApiKey, newApiKey, prefixOf, sameHash, sameSecret } from './secrets.js';

it('compares secrets of any lengths without throwing, equal only when equal', () => {
  expect(sameSecret('a-token-of-some-length', 'a-token-of-some-length')).toBe(true);
  expect(sameSecret('a-token-of-some-length', 'a-token-of-some-lengt')).toBe(false);
  expect(sameSecret('', 'a-token-of-some-length')).toBe(false);
  expect(sameSecret('x'.repeat(10_000), 'a-token-of-some-length')).toBe(false);
});

it('makes keys with a listed prefix and compares their hashes', () => {
  const key = newApiKey();
  expect(prefixOf(key.apiKey)).toBe(key.prefix);
  expect(key.prefix).toHaveLength(11);
  expect(sameHash(key.hash, hashApiKey(key.apiKey))).toBe(true);
  expect(sameHash(key.hash, hashApiKey(`${key.apiKey}x`))).toBe(false);
  expect(sameHash(key.hash, 'not-hex')).toBe(false);
  expect(prefixOf('wk_short')).toBeUndefined();
});
