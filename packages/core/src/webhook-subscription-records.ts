import type { Database, WebhookDeliveryAttemptRow, WebhookSubscriptionRow } from '@wallet/db';
import type { Kysely } from 'kysely';

/** A tenant's webhook subscription; undefined for another tenant's or none. */
export async function findWebhookSubscription(
  db: Kysely<Database>,
  tenantId: string,
  subscriptionId: string,
): Promise<WebhookSubscriptionRow | undefined> {
  return db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('id', '=', subscriptionId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
}

/** The attempts of these deliveries, oldest first, in one query whatever the count. */
export async function listDeliveryAttempts(
  db: Kysely<Database>,
  deliveryIds: readonly string[],
): Promise<WebhookDeliveryAttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return db
    .selectFrom('webhook_delivery_attempts')
    .selectAll()
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('id')
    .execute();
}
