import type { NewLogEvent } from '@wallet/core';
import { WEBHOOK_SUBSCRIPTION_CANCELLED, WEBHOOK_SUBSCRIPTION_FAILING } from '@wallet/domain';
import type { Settlement } from './settlement.js';

/** A subscription's failed attempts in a row after this flush, and before it. */
export interface FailureStreak {
  subscriptionId: string;
  failures: number;
  before: number;
}

export interface CancelledSubscription {
  subscriptionId: string;
  reason: string;
}

type Attempted = Extract<Settlement, { kind: 'attempted' }>;

/** The payload of WebhookSubscription.FAILING and .CANCELLED (contract: SubscriptionEventPayload). */
interface SubscriptionEventPayload {
  subscriptionId: string;
  url: string;
  reason: string;
  consecutiveFailures: number;
  /** The event whose delivery attempt caused this one, and that attempt. */
  eventId: string;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  occurredAt: string;
}

function describe(s: Attempted): string {
  const { statusCode, error } = s.outcome.record;
  return statusCode !== null ? `HTTP ${statusCode}` : (error ?? 'no response');
}

function payloadOf(
  s: Attempted,
  fields: Pick<SubscriptionEventPayload, 'reason' | 'consecutiveFailures'>,
  at: Date,
): Record<string, unknown> {
  const payload: SubscriptionEventPayload = {
    subscriptionId: s.head.subscriptionId,
    url: s.head.url,
    ...fields,
    eventId: s.head.eventId,
    attempt: s.outcome.record.attempt,
    statusCode: s.outcome.record.statusCode,
    error: s.outcome.record.error,
    occurredAt: at.toISOString(),
  };
  return { ...payload };
}

/**
 * The operational events one flush of settlements causes: FAILING for each subscription whose streak
 * of failed attempts reached `threshold` in it (so once per streak: the count only passes the
 * threshold once before a delivered attempt resets it), then CANCELLED for each subscription it
 * cancelled. Both are about the subscription and ordered by its id; the fan-out never sends them to
 * the subscription itself.
 */
export function operationalEvents(
  attempted: readonly Attempted[],
  streaks: readonly FailureStreak[],
  cancelled: readonly CancelledSubscription[],
  threshold: number,
  at: Date,
): NewLogEvent[] {
  const lastFailure = new Map<string, Attempted>();
  for (const s of attempted) if (s.outcome.kind !== 'delivered') lastFailure.set(s.head.subscriptionId, s);
  const streakOf = new Map(streaks.map((s) => [s.subscriptionId, s]));
  const event = (s: Attempted, eventType: NewLogEvent['eventType'], payload: Record<string, unknown>) => ({
    tenantId: s.head.tenantId,
    eventType,
    subjectType: 'WebhookSubscription' as const,
    subjectId: s.head.subscriptionId,
    orderingKey: s.head.subscriptionId,
    payload,
    cause: 'WEBHOOK_DELIVERY',
  });
  const events: NewLogEvent[] = [];
  for (const streak of streaks) {
    const last = lastFailure.get(streak.subscriptionId);
    if (!last || streak.before >= threshold || streak.failures < threshold) continue;
    const reason = `${streak.failures} delivery attempts in a row failed; last: ${describe(last)}`;
    events.push(
      event(
        last,
        WEBHOOK_SUBSCRIPTION_FAILING,
        payloadOf(last, { reason, consecutiveFailures: streak.failures }, at),
      ),
    );
  }
  for (const { subscriptionId, reason } of cancelled) {
    const last = lastFailure.get(subscriptionId);
    if (!last) continue;
    const consecutiveFailures = streakOf.get(subscriptionId)?.failures ?? 1;
    events.push(
      event(last, WEBHOOK_SUBSCRIPTION_CANCELLED, payloadOf(last, { reason, consecutiveFailures }, at)),
    );
  }
  return events;
}
