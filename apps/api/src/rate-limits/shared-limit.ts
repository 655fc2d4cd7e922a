import type { DbHandle } from '@wallet/db';
import { ApiError } from '@wallet/errors';
import type { Context } from 'hono';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

/** How soon requests counted in memory reach PostgreSQL. */
const FLUSH_MS = 50;

interface Seen {
  /** The count PostgreSQL last answered. */
  consumed: number;
  /** Counted here, not yet sent. */
  pending: number;
  /** Sent, not yet answered. */
  sending: number;
  /** When the window ends (epoch ms). */
  resetAt: number;
  timer: NodeJS.Timeout | undefined;
  /** The flush in flight, if any. */
  flushing?: Promise<void> | undefined;
}

/** The table every API process counts in (migration 0011): one row per key and window. */
const TABLE = 'rate_limits';

/**
 * A fixed one-minute window counted in PostgreSQL (`rate-limiter-flexible`'s store: one atomic
 * upsert per count), so every API replica shares it. `limit` 0 turns it off.
 */
export class SharedLimit {
  readonly #limiter: RateLimiterPostgres | undefined;
  /** Per key, this process's view of the current window. */
  readonly #seen = new Map<string, Seen>();
  /** Requests left below which every request is counted in PostgreSQL at once. */
  readonly margin: number;

  constructor(
    pool: DbHandle['pool'],
    /** The policy's name in the RateLimit headers, and its keys' prefix in the table. */
    readonly name: string,
    readonly limit: number,
    readonly windowSeconds = 60,
  ) {
    this.margin = Math.max(10, Math.ceil(limit / 10));
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

  /**
   * Counts one request of `key`; past the limit, 429 with Retry-After. Sends the RateLimit headers.
   * Far from the limit (more than `margin` left as this process last saw it) the request is counted
   * in memory and the count is added to PostgreSQL within FLUSH_MS, so a busy tenant does not queue
   * every request on its one counter row (a 32-connection load halved throughput); near the limit
   * every request counts in PostgreSQL at once, so the limit itself is exact.
   */
  async consume(c: Context, key: string): Promise<void> {
    if (!this.#limiter) return;
    const now = Date.now();
    const seen = this.#seen.get(key);
    if (seen && seen.resetAt - now > 1_000 && this.limit - this.#counted(seen) > this.margin) {
      seen.pending++;
      this.#scheduleFlush(key, seen);
      this.#sendHeaders(c, this.#counted(seen), seen.resetAt - now);
      return;
    }
    // Near the limit: this process's unsent counts go with this request, after any flush in flight,
    // so the database's answer is complete for this process.
    await seen?.flushing;
    const points = 1 + (seen?.pending ?? 0);
    if (seen) seen.pending = 0;
    let res: RateLimiterRes;
    try {
      res = await this.#limiter.consume(key, points);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      res = err;
    }
    this.#remember(key, res);
    this.#headers(c, res);
    if (res.consumedPoints > this.limit) throw this.#tooMany(res);
  }

  /** What this process knows was counted: the database's last answer and its own unsent counts. */
  #counted(seen: Seen): number {
    return seen.consumed + seen.pending + seen.sending;
  }

  #remember(key: string, res: RateLimiterRes): void {
    const seen = this.#seen.get(key) ?? { consumed: 0, pending: 0, sending: 0, resetAt: 0, timer: undefined };
    seen.consumed = res.consumedPoints;
    seen.resetAt = Date.now() + res.msBeforeNext;
    if (this.#seen.size >= 10_000 && !this.#seen.has(key)) this.#seen.clear();
    this.#seen.set(key, seen);
  }

  #scheduleFlush(key: string, seen: Seen): void {
    if (seen.timer) return;
    seen.timer = setTimeout(() => {
      seen.timer = undefined;
      const points = seen.pending;
      seen.pending = 0;
      if (points === 0) return;
      seen.sending += points;
      seen.flushing = this.#limiter
        ?.penalty(key, points)
        .then((res) => this.#remember(key, res))
        // A lost flush only undercounts a window; it never refuses anyone.
        .catch(() => undefined)
        .finally(() => {
          seen.sending -= points;
          seen.flushing = undefined;
        });
    }, FLUSH_MS);
    seen.timer.unref();
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
    this.#sendHeaders(c, res.consumedPoints, res.msBeforeNext);
  }

  #sendHeaders(c: Context, consumed: number, msLeft: number): void {
    const reset = Math.max(1, Math.ceil(msLeft / 1000));
    c.header('RateLimit-Policy', `"${this.name}";q=${this.limit};w=${this.windowSeconds}`);
    c.header('RateLimit', `"${this.name}";r=${Math.max(0, this.limit - consumed)};t=${reset}`);
  }
}

const secondsLeft = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));
