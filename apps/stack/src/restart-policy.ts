export interface RestartPolicy {
  /** Delay before the first restart. */
  initialDelayMs: number;
  /** Cap on the doubled delay. */
  maxDelayMs: number;
  /** Restarts in a row before the stack gives up. */
  maxRestarts: number;
  /** An app that ran this long before crashing starts a new series. */
  stableMs: number;
}

/** Exponential backoff: initial, 2x, 4x ... up to the cap, for the nth crash in a row (n >= 1). */
export function restartDelay(policy: RestartPolicy, crash: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, crash - 1));
}
