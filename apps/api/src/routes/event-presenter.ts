import type { EventDelivery } from '@wallet/core';
import type { EventRow } from '@wallet/db';
import { orderPayload } from '@wallet/webhooks';

export function presentEvent(row: EventRow) {
  return {
    eventId: row.event_id,
    eventName: row.event_type,
    subject: { type: row.subject_type, id: row.subject_id },
    orderingKey: row.ordering_key,
    // As subscribers receive it: in its type's key order.
    payload: orderPayload(row.payload, row.event_type),
    createdAt: row.created_at.toISOString(),
  };
}

export function presentEventDelivery(d: EventDelivery) {
  return {
    deliveryId: d.deliveryId,
    subscriptionId: d.subscriptionId,
    url: d.url,
    replay: d.replay,
    status: d.state,
    attemptCount: d.attemptCount,
    createdAt: d.createdAt.toISOString(),
    finishedAt: d.finishedAt?.toISOString() ?? null,
    lastAttempt: d.lastAttempt && {
      attempt: d.lastAttempt.attempt,
      attemptedAt: d.lastAttempt.attemptedAt.toISOString(),
      statusCode: d.lastAttempt.statusCode,
      error: d.lastAttempt.error,
    },
  };
}
