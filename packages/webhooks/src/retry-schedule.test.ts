import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_DELAYS,
  defaultMaxAttempts,
  parseRetryAfter,
  parseRetryDelays,
  retryDelayMs,
} from './retry-schedule.js';

describe('retry schedule', () => {
  it('parses the delays and derives the default maxAttempts', () => {
    const delays = parseRetryDelays(DEFAULT_RETRY_DELAYS);
    expect(delays).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(defaultMaxAttempts(delays)).toBe(8);
    expect(parseRetryDelays('0.2, 0.2')).toEqual([0.2, 0.2]);
    expect(parseRetryDelays('')).toEqual([]);
    expect(defaultMaxAttempts([])).toBe(1);
    expect(() => parseRetryDelays('5,x')).toThrow(/"x"/);
    expect(() => parseRetryDelays('-1')).toThrow();
  });

  it('waits the attempt’s delay plus jitter, repeats the last, and lets Retry-After lengthen it', () => {
    const policy = { delays: [5, 300], jitter: 0.1, retryAfterMaxSeconds: 600 };
    expect(retryDelayMs(1, policy, undefined, () => 0)).toBe(5000);
    expect(retryDelayMs(1, policy, undefined, () => 1)).toBe(5500);
    expect(retryDelayMs(2, policy, undefined, () => 0)).toBe(300_000);
    expect(retryDelayMs(9, policy, undefined, () => 0)).toBe(300_000);
    expect(retryDelayMs(1, policy, 120, () => 0)).toBe(120_000);
    expect(retryDelayMs(1, policy, 1, () => 0)).toBe(5000);
    expect(retryDelayMs(1, policy, 99_999, () => 0)).toBe(600_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
