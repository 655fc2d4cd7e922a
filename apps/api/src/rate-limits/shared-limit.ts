import type { DbHandle } from '@wallet/db';
import { ApiError } from '@wallet/errors';
import type { Context } from 'hono';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

/** The table every API process counts in (migration 0010): one row per key and window. */
const TABLE = 'rate_limits';

/**
 * A fixed one-minute window counted in PostgreSQL (`rate-limiter-flexible`'s store: one atomic
 * upsert per count), so every API replica shares it. `limit` 0 turns it off.
 */
export class SharedLimit {
  readonly #limiter: RateLimiterPostgres | undefined;

  constructor(
    pool: DbHandle['pool'],
    /** The policy's name in the RateLimit headers, and its keys' prefix in the table. */
    readonly name: string,
    readonly limit: number,
    readonly windowSeconds = 60,
  ) {
    this.#limiter =
      limit === 0
        ? undefined
        : new RateLimiterPostgres({
            storeClient: pool,
            storeType: 'pool',
            tableName: TABLE,
            tableCreated: true,
            keyPrefix: name,
            points: limit,
            duration: windowSeconds,
          });
  }

  get enabled(): boolean {
    return this.#limiter !== undefined;
  }

  /** Counts one request of `key`; past the limit, 429 with Retry-After. Sends the RateLimit headers. */
  async consume(c: Context, key: string): Promise<void> {
    if (!this.#limiter) return;
    try {
      this.#headers(c, await this.#limiter.consume(key));
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      this.#headers(c, err);
      throw this.#tooMany(err);
    }
  }

  /** Counts one event of `key` (a failed authentication) without refusing anything. */
  async count(key: string): Promise<void> {
    await this.#limiter?.penalty(key, 1);
  }

  /** 429 when `key` has spent its budget in this window (its count is not changed). */
  async refuseIfSpent(c: Context, key: string): Promise<void> {
    const res = await this.#limiter?.get(key);
    if (res && res.consumedPoints >= this.limit) {
      this.#headers(c, res);
      throw this.#tooMany(res);
    }
  }

  #tooMany(res: RateLimiterRes): ApiError {
    return new ApiError('rate_limited', `Rate limit of ${this.limit} per ${this.windowSeconds} s exceeded`, {
      retryAfter: secondsLeft(res),
    });
  }

  /** The IETF draft's structured fields (draft-ietf-httpapi-ratelimit-headers): quota, window, remaining, reset. */
  #headers(c: Context, res: RateLimiterRes): void {
    c.header('RateLimit-Policy', `"${this.name}";q=${this.limit};w=${this.windowSeconds}`);
    c.header(
      'RateLimit',
      `"${this.name}";r=${Math.max(0, this.limit - res.consumedPoints)};t=${secondsLeft(res)}`,
    );
  }
}

const secondsLeft = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));
