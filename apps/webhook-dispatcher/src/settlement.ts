import type { AttemptOutcome } from './attempt.js';

/** The claim on a delivery job, as fetched: pg-boss settles it only if the claim still holds. */
export interface JobRef {
  id: string;
  retryCount: number;
}

/** How a fetched delivery job ends. */
export type Settlement =
  /** Its key has nothing pending (delivered by an earlier job, cancelled, or deleted). */
  | { kind: 'done'; job: JobRef }
  /** The head belongs to a subscription that is no longer active: stop it. */
  | { kind: 'orphaned'; job: JobRef; deliveryId: string }
  /** The head waits for a later attempt (a claim lapsed after scheduling it): wait again. */
  | { kind: 'deferred'; job: JobRef; nextAttemptAt: Date }
  | { kind: 'attempted'; job: JobRef; deliveryId: string; subscriptionId: string; outcome: AttemptOutcome };

export interface RowChange {
  id: string;
  state: 'PENDING' | 'DELIVERED' | 'FAILED' | 'CANCELLED';
  attempt: number | null;
  nextAttemptAt: Date | null;
}

/** The delivery row change a settlement makes, if any. */
export function rowChange(s: Settlement): RowChange | undefined {
  if (s.kind === 'orphaned') return { id: s.deliveryId, state: 'CANCELLED', attempt: null, nextAttemptAt: null };
  if (s.kind !== 'attempted') return undefined;
  const { outcome } = s;
  const attempt = outcome.record.attempt;
  if (outcome.kind === 'delivered') return { id: s.deliveryId, state: 'DELIVERED', attempt, nextAttemptAt: null };
  if (outcome.kind === 'exhausted') return { id: s.deliveryId, state: 'FAILED', attempt, nextAttemptAt: null };
  return { id: s.deliveryId, state: 'PENDING', attempt, nextAttemptAt: outcome.nextAttemptAt };
}

/** When the job should run again, for settlements that keep it (and its key) waiting. */
export function retryAt(s: Settlement): Date | undefined {
  if (s.kind === 'deferred') return s.nextAttemptAt;
  if (s.kind === 'attempted' && s.outcome.kind === 'retry') return s.outcome.nextAttemptAt;
  return undefined;
}
