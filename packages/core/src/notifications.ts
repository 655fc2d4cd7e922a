import type { Database, NotificationRow } from '@wallet/db';
import type { NotificationMessageType, NotificationState, NotificationType } from '@wallet/domain';
import { type Kysely, sql } from 'kysely';
import type { WriteContext } from './context.js';

export interface NotificationInput {
  tenantId: string;
  customerId: string;
  messageType: NotificationMessageType;
  type: NotificationType;
  link?: string | undefined;
}

/**
 * Adds an UNSEEN entry to a customer's feed (seed 002) in the caller's transaction, so that the
 * notification exists exactly when the event that caused it committed. The database refuses a
 * customer of another tenant (the feed's foreign key is the pair customer, tenant).
 * Which events call this, and which seed message types no event of this product causes:
 * `NOTIFICATION_SOURCES`.
 */
export async function addNotification(
  ctx: Pick<WriteContext, 'trx'>,
  input: NotificationInput,
): Promise<NotificationRow> {
  return ctx.trx
    .insertInto('notifications')
    .values({
      tenant_id: input.tenantId,
      customer_id: input.customerId,
      message_type: input.messageType,
      type: input.type,
      link: input.link ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Sets a notification's state (seed 002's PUT). updatedAt moves only when the state does, so
 * repeating the same PUT changes nothing. Undefined when the customer has no such notification.
 */
export async function setNotificationState(
  db: Kysely<Database>,
  input: { customerId: string; notificationId: string; state: NotificationState },
): Promise<NotificationRow | undefined> {
  return db
    .updateTable('notifications')
    .set({
      state: input.state,
      updated_at: sql<Date>`CASE WHEN state = ${input.state} THEN updated_at ELSE date_trunc('milliseconds', now()) END`,
    })
    .where('id', '=', input.notificationId)
    .where('customer_id', '=', input.customerId)
    .returningAll()
    .executeTakeFirst();
}
