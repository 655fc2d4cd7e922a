import type { KeyWithTenant } from './repository.js';

/**
 * Keys resolved by this API process, by hash. Revocation reaches every process within milliseconds
 * through LISTEN/NOTIFY (`forgetKey`); the TTL is the fallback for a notification that never came.
 * While the LISTEN connection is down nothing is cached (`enabled`), and everything is forgotten
 * when it comes back, so a revocation is never missed for longer than one request.
 */
export class KeyCache {
  readonly #entries = new Map<string, { key: KeyWithTenant; until: number }>();
  enabled = false;

  constructor(
    readonly ttlMs: number,
    readonly max = 10_000,
  ) {}

  get(hash: string, now = Date.now()): KeyWithTenant | undefined {
    const entry = this.#entries.get(hash);
    if (!entry) return undefined;
    if (entry.until > now) return entry.key;
    this.#entries.delete(hash);
    return undefined;
  }

  set(hash: string, key: KeyWithTenant, now = Date.now()): void {
    if (!this.enabled || this.ttlMs === 0) return;
    if (this.#entries.size >= this.max) this.#entries.clear();
    // An expiring key is trusted no longer than its expiry.
    const until = Math.min(now + this.ttlMs, key.expires_at?.getTime() ?? Number.POSITIVE_INFINITY);
    this.#entries.set(hash, { key, until });
  }

  /** A revoked key, by id. */
  forgetKey(keyId: string): void {
    for (const [hash, entry] of this.#entries) if (entry.key.id === keyId) this.#entries.delete(hash);
  }

  clear(): void {
    this.#entries.clear();
  }
}
