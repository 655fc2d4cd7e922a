import type { Event, EventDelivery as EventDeliveryBody } from '@wallet/contract';
import type { EventDelivery } from '@wallet/core';
import type { EventRow, WebhookDeliveryState } from '@wallet/db';
import type { EventSubjectType, EventType } from '@wallet/domain';
import { orderPayload } from '@wallet/webhooks';
import type { z } from 'zod';

export function presentEvent(row: EventRow): z.input<typeof Event> {
  return {
    eventId: row.event_id,
    eventName: row.event_type as EventType,
    subject: { type: row.subject_type as EventSubjectType, id: row.subject_id },
    orderingKey: row.ordering_key,
    // As subscribers receive it: in its type's key order.
    payload: orderPayload(row.payload, row.event_type),
    createdAt: row.created_at.toISOString(),
  };
}

export function presentEventDelivery(d: EventDelivery): z.input<typeof EventDeliveryBody> {
  return {
    deliveryId: d.deliveryId,
    subscriptionId: d.subscriptionId,
    url: d.url,
    replay: d.replay,
    status: d.state as WebhookDeliveryState,
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
