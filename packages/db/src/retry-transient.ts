import { setTimeout as sleep } from 'node:timers/promises';

/** deadlock_detected and serialization_failure: the transaction was rolled back whole, so running it again is safe. */
const TRANSIENT_CODES = new Set(['40P01', '40001']);

/** A deadlock or serialization failure, reported by PostgreSQL for the whole transaction. */
export function isTransientConflict(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}

export interface RetryOptions {
  /** Attempts in all, the first included; default 4. */
  attempts?: number;
  /** The first wait; each later one doubles. Default 5 ms. */
  baseDelayMs?: number;
}

/**
 * Runs `attempt` (one whole transaction, or one autocommit statement) again when PostgreSQL rolled it
 * back as a deadlock victim or a serialization failure. Bounded (`attempts`), with full jitter (a wait
 * drawn from 0 to base·2^n), so that the two sides of a deadlock do not collide again in step. Any
 * other error, and the last conflict, reaches the caller unchanged.
 */
export async function retryTransient<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 5;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (n >= attempts || !isTransientConflict(err)) throw err;
      await sleep(Math.random() * base * 2 ** (n - 1));
    }
  }
}
