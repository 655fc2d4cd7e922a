import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Where a subscription's deliveries go: the URL's host and port as written (lower case), which
    -- the dispatcher caps its in-flight deliveries by (one dead endpoint must not take every slot).
    ALTER TABLE webhook_subscriptions ADD COLUMN destination text
      GENERATED ALWAYS AS (lower(substring(url from '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]+)'))) STORED;

    -- One ACTIVE subscription per (tenant, url, event types): 50 identical creates were 50 subscriptions,
    -- each receiving every event. Duplicates made before this migration keep the oldest ACTIVE one; the
    -- others are cancelled (reason DUPLICATE) with their pending deliveries, as the dispatcher cancels.
    WITH ranked AS (
      SELECT id, row_number() OVER (PARTITION BY tenant_id, url, event_types ORDER BY created_at, id) AS n
      FROM webhook_subscriptions WHERE status = 'ACTIVE'
    ), duplicates AS (
      UPDATE webhook_subscriptions s
      SET status = 'CANCELLED', cancelled_at = now(), cancel_reason = 'DUPLICATE', updated_at = now()
      FROM ranked r WHERE r.id = s.id AND r.n > 1
      RETURNING s.id
    )
    UPDATE webhook_deliveries d SET state = 'CANCELLED', finished_at = now()
    FROM duplicates WHERE d.subscription_id = duplicates.id AND d.state = 'PENDING';

    CREATE UNIQUE INDEX webhook_subscriptions_unique_active
      ON webhook_subscriptions (tenant_id, url, event_types) WHERE status = 'ACTIVE';
  `.execute(db);
}
