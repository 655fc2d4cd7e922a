import { type Kysely, sql } from 'kysely';

/**
 * Pausing a webhook subscription (PATCH /v2/webhook-subscriptions/{id}): a PAUSED subscription still
 * gets deliveries at fan-out, but none is sent until it is ACTIVE again. It keeps its place in the
 * uniqueness rule (it will resume), so the unique index now covers ACTIVE and PAUSED.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE webhook_subscriptions DROP CONSTRAINT webhook_subscriptions_status_check;
    ALTER TABLE webhook_subscriptions ADD CONSTRAINT webhook_subscriptions_status_check
      CHECK (status IN ('ACTIVE', 'PAUSED', 'CANCELLED'));

    DROP INDEX webhook_subscriptions_unique_active;
    CREATE UNIQUE INDEX webhook_subscriptions_unique_active
      ON webhook_subscriptions (tenant_id, url, event_types) WHERE status IN ('ACTIVE', 'PAUSED');
    -- What fan-out reads: the subscriptions of a tenant that take new deliveries.
    DROP INDEX webhook_subscriptions_active_idx;
    CREATE INDEX webhook_subscriptions_live_idx ON webhook_subscriptions (tenant_id)
      WHERE status IN ('ACTIVE', 'PAUSED');
  `.execute(db);
}
