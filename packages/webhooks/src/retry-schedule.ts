/** Seconds between attempts when WEBHOOK_RETRY_DELAYS is not set. */
export const DEFAULT_RETRY_DELAYS = '5,300,1800,7200,18000,36000,36000';
/** Bounds of a subscription's maxAttempts. */
export const MAX_ATTEMPTS_MIN = 1;
export const MAX_ATTEMPTS_MAX = 20;

/** Parses comma-separated seconds (decimals allowed); throws on anything else. */
export function parseRetryDelays(text: string): number[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const value = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(value) || value < 0 || value > 7 * 24 * 3600) {
      throw new Error(`"${part}" is not a delay in seconds between 0 and 604800`);
    }
    return value;
  });
}

/** One attempt plus one per configured delay, within the bounds. */
export function defaultMaxAttempts(delays: readonly number[]): number {
  return Math.min(MAX_ATTEMPTS_MAX, Math.max(MAX_ATTEMPTS_MIN, 1 + delays.length));
}

export interface RetryPolicy {
  delays: readonly number[];
  /** Extra wait as a fraction of the delay, drawn uniformly: 0.1 waits 100-110% of it. */
  jitter: number;
  /** Upper clamp for a subscriber's Retry-After, in seconds. */
  retryAfterMaxSeconds: number;
}

/** Used when a subscription allows more attempts than there are delays and none are configured. */
const FALLBACK_DELAY_SECONDS = 60;

/**
 * Milliseconds to wait after `attemptsMade` failed attempts: the attempt's configured delay (the
 * last one repeats), plus jitter; a Retry-After may lengthen it (up to the clamp), never shorten it.
 */
export function retryDelayMs(
  attemptsMade: number,
  policy: RetryPolicy,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number {
  const { delays } = policy;
  const base = delays[Math.min(attemptsMade, delays.length) - 1] ?? delays.at(-1) ?? FALLBACK_DELAY_SECONDS;
  const scheduled = base * 1000 * (1 + policy.jitter * random());
  if (retryAfterSeconds === undefined) return Math.round(scheduled);
  const asked = Math.min(retryAfterSeconds, policy.retryAfterMaxSeconds) * 1000;
  return Math.round(Math.max(scheduled, asked));
}

/** Seconds a Retry-After header asks for (delta-seconds or an HTTP date); undefined if unusable. */
export function parseRetryAfter(value: string | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now.getTime()) / 1000);
}

/** For env schemas: whether the text parses as retry delays. */
export function retryDelaysValid(text: string): boolean {
  try {
    parseRetryDelays(text);
    return true;
  } catch {
    return false;
  }
}
