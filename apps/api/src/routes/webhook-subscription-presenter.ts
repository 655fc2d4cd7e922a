import type {
  WebhookDelivery,
  WebhookDeliveryAttempt,
  WebhookSubscription,
  WebhookSubscriptionCreated,
} from '@wallet/contract';
import type { WebhookDeliveryAttemptRow, WebhookDeliveryRow, WebhookSubscriptionRow } from '@wallet/db';
import type { EventType } from '@wallet/domain';
import type { z } from 'zod';

/** A subscription as the API shows it; with its secret only in the answer to its creation or a rotation. */
export function presentSubscription(row: WebhookSubscriptionRow): z.input<typeof WebhookSubscription>;
export function presentSubscription(
  row: WebhookSubscriptionRow,
  secret: string,
): z.input<typeof WebhookSubscriptionCreated>;
export function presentSubscription(
  row: WebhookSubscriptionRow,
  secret?: string,
): z.input<typeof WebhookSubscription> | z.input<typeof WebhookSubscriptionCreated> {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.event_types as EventType[],
    status: row.status,
    maxAttempts: row.max_attempts,
    // Shown once, in the answer to the creation; never again.
    ...(secret !== undefined && { secret }),
    createdAt: row.created_at.toISOString(),
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    cancelReason: row.cancel_reason,
  };
}

function presentAttempt(row: WebhookDeliveryAttemptRow): z.input<typeof WebhookDeliveryAttempt> {
  return {
    attempt: row.attempt,
    attemptedAt: row.attempted_at.toISOString(),
    durationMs: row.duration_ms,
    statusCode: row.status_code,
    error: row.error,
    responseBody: row.response_body,
  };
}

/** A delivery of an event of type `eventName` (Account.UPDATE's have the account in accountId). */
export function presentDelivery(
  row: WebhookDeliveryRow,
  attempts: WebhookDeliveryAttemptRow[],
  eventName: string,
): z.input<typeof WebhookDelivery> {
  return {
    id: row.id,
    eventId: row.event_id,
    eventName: eventName as EventType,
    accountId: row.account_id,
    replay: row.replay,
    status: row.state,
    createdAt: row.created_at.toISOString(),
    nextAttemptAt: row.state === 'PENDING' ? row.next_attempt_at.toISOString() : null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    attempts: attempts.map(presentAttempt),
  };
}
