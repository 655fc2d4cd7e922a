import type { Notification } from '@wallet/contract';
import type { NotificationRow } from '@wallet/db';
import type { NotificationMessageType, NotificationState, NotificationType } from '@wallet/domain';
import type { z } from 'zod';
import { exactInteger } from '../json.js';

/** Seed 002's shape: times in epoch milliseconds, ids and userId as JSON numbers, link only when set. */
export function presentNotification(row: NotificationRow): z.input<typeof Notification> {
  return {
    createdAt: row.created_at.getTime(),
    id: exactInteger(row.id),
    ...(row.link !== null && { link: row.link }),
    messageType: row.message_type as NotificationMessageType,
    state: row.state as NotificationState,
    type: row.type as NotificationType,
    updatedAt: row.updated_at.getTime(),
    userId: exactInteger(row.customer_id),
  };
}
