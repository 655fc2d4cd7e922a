import type { Database, WebhookSubscriptionRow } from '@wallet/db';
import { type Kysely, sql } from 'kysely';

/** What PATCH /v2/webhook-subscriptions/{id} may change (already validated; url already SSRF-checked). */
export interface WebhookSubscriptionChanges {
  url?: string;
  /** De-duplicated and sorted, as stored. */
  eventTypes?: string[];
  maxAttempts?: number;
  /** PAUSED pauses, ACTIVE resumes. */
  status?: 'ACTIVE' | 'PAUSED';
}

export type WebhookSubscriptionChange =
  | { kind: 'changed'; row: WebhookSubscriptionRow }
  | { kind: 'not_found' }
  /** A status change asked of a CANCELLED subscription: reactivation is its own operation. */
  | { kind: 'cancelled' };

/**
 * Changes one of a tenant's subscriptions under its row lock. The lock matters for pausing: the
 * dispatcher's claim takes the subscription `FOR SHARE ... SKIP LOCKED` and reads its status then, so
 * once this commits no head of a paused subscription is claimed (one claimed just before is either in
 * flight, and its attempt finishes, or held pending by the dispatcher). Fan-out goes on adding
 * deliveries to a PAUSED subscription; when it is ACTIVE again they are due, and go out in order per
 * account as always. A url taken by an ACTIVE or PAUSED twin of the tenant (same eventTypes) fails
 * with the unique violation of `webhook_subscriptions_unique_active`, for the caller to answer 409.
 */
export async function changeWebhookSubscription(
  db: Kysely<Database>,
  tenantId: string,
  subscriptionId: string,
  changes: WebhookSubscriptionChanges,
): Promise<WebhookSubscriptionChange> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('webhook_subscriptions')
      .select(['id', 'status'])
      .where('id', '=', subscriptionId)
      .where('tenant_id', '=', tenantId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) return { kind: 'not_found' } as const;
    if (changes.status !== undefined && current.status === 'CANCELLED') return { kind: 'cancelled' } as const;
    const row = await trx
      .updateTable('webhook_subscriptions')
      .set({
        ...(changes.url !== undefined && { url: changes.url }),
        ...(changes.eventTypes !== undefined && { event_types: changes.eventTypes }),
        ...(changes.maxAttempts !== undefined && { max_attempts: changes.maxAttempts }),
        ...(changes.status !== undefined && { status: changes.status }),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { kind: 'changed', row } as const;
  });
}
