import type { AttemptOutcome } from './attempt.js';
import type { DeliveryHead } from './claim.js';

/** How a claimed delivery ends this time round. */
export type Settlement =
  /** Its subscription is no longer active: the delivery stops. */
  | { kind: 'orphaned'; head: DeliveryHead }
  /** Its subscription was paused after the candidates were read: left pending, due at once (sent when resumed). */
  | { kind: 'held'; head: DeliveryHead }
  | { kind: 'attempted'; head: DeliveryHead; outcome: AttemptOutcome };

export interface RowChange {
  id: string;
  claim: number;
  state: 'PENDING' | 'DELIVERED' | 'FAILED' | 'CANCELLED';
  attempt: number | null;
  nextAttemptAt: Date | null;
}

/** The delivery row change a settlement makes. */
export function rowChange(s: Settlement): RowChange {
  const { deliveryId: id, claim } = s.head;
  if (s.kind === 'orphaned') return { id, claim, state: 'CANCELLED', attempt: null, nextAttemptAt: null };
  if (s.kind === 'held') return { id, claim, state: 'PENDING', attempt: null, nextAttemptAt: new Date() };
  const { outcome } = s;
  const attempt = outcome.record.attempt;
  if (outcome.kind === 'delivered') return { id, claim, state: 'DELIVERED', attempt, nextAttemptAt: null };
  if (outcome.kind === 'exhausted') return { id, claim, state: 'FAILED', attempt, nextAttemptAt: null };
  return { id, claim, state: 'PENDING', attempt, nextAttemptAt: outcome.nextAttemptAt };
}

/** When a settlement asks for the next attempt, if it does. */
export function retryAt(s: Settlement): Date | undefined {
  return s.kind === 'attempted' && s.outcome.kind === 'retry' ? s.outcome.nextAttemptAt : undefined;
}
