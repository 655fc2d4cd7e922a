import type { NotificationRow } from '@wallet/db';
import type { NotificationMessageType, NotificationType } from '@wallet/domain';
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
