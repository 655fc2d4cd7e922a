import { type Kysely, sql } from 'kysely';

/**
 * The generic event log (issue 20). Events are rows of one table, `events`: a type, a subject (type
 * and id), an ordering key, a payload, a time and a tenant. Account.UPDATE is one type of it, ordered
 * per account as before; the operational WebhookSubscription.CANCELLED and .FAILING are others,
 * ordered per subscription.
 *
 * `account_events` is renamed to `events` rather than copied into a new table: the rows keep their
 * `id` and `event_id` in place, so the deliveries' foreign key (which follows the rename) and the
 * fan-out cursors' positions stay valid with no copy, no window in which writers see two tables, and
 * new columns added without a rewrite where a constant default does (type, subject type). The
 * account-only columns (account_id, previous_status, status, cause) stay, nullable: what the account
 * status sync reads to know what the partner last heard of. A view named `account_events` shows the
 * Account.UPDATE rows in their old shape, so that readers written against it (tests, tooling, and
 * other branches' code) keep working; it is a simple view, so deletes through it work too.
 *
 * Fan-out cursors and pending deliveries are keyed by the ordering key instead of the account id
 * (backfilled with the account id as text, which is Account.UPDATE's ordering key). A delivery row
 * inserted without an ordering key (old-shape writers name only the account) takes its event's.
 * `webhook_failure_streaks` counts each subscription's failed attempts in a row, for FAILING.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE account_events RENAME TO events;
    ALTER TABLE events RENAME CONSTRAINT account_events_pkey TO events_pkey;
    ALTER TABLE events RENAME CONSTRAINT account_events_event_id_key TO events_event_id_key;
    ALTER INDEX account_events_account_idx RENAME TO events_account_idx;

    ALTER TABLE events
      ADD COLUMN event_type text NOT NULL DEFAULT 'Account.UPDATE',
      ADD COLUMN subject_type text NOT NULL DEFAULT 'Account',
      ADD COLUMN subject_id text,
      ADD COLUMN ordering_key text;
    UPDATE events SET subject_id = account_id::text, ordering_key = account_id::text;
    ALTER TABLE events
      ALTER COLUMN event_type DROP DEFAULT,
      ALTER COLUMN subject_type DROP DEFAULT,
      ALTER COLUMN subject_id SET NOT NULL,
      ALTER COLUMN ordering_key SET NOT NULL,
      ALTER COLUMN account_id DROP NOT NULL,
      ALTER COLUMN previous_status DROP NOT NULL,
      ALTER COLUMN status DROP NOT NULL,
      ALTER COLUMN cause DROP NOT NULL,
      ADD CONSTRAINT events_account_update_shape CHECK (
        event_type <> 'Account.UPDATE'
        OR (subject_type = 'Account' AND account_id IS NOT NULL AND previous_status IS NOT NULL
            AND status IS NOT NULL AND cause IS NOT NULL));
    -- Fan-out reads an ordering key's events after its cursor; GET /v2/events a tenant's, newest first.
    CREATE INDEX events_ordering_idx ON events (ordering_key, id);
    CREATE INDEX events_tenant_idx ON events (tenant_id, id);

    CREATE VIEW account_events AS
      SELECT id, event_id, tenant_id, account_id, previous_status, status, payload, cause, created_at
      FROM events WHERE event_type = 'Account.UPDATE';

    ALTER TABLE webhook_fanout_cursors ADD COLUMN ordering_key text;
    UPDATE webhook_fanout_cursors SET ordering_key = account_id::text;
    ALTER TABLE webhook_fanout_cursors
      DROP CONSTRAINT webhook_fanout_cursors_pkey,
      DROP COLUMN account_id,
      ALTER COLUMN ordering_key SET NOT NULL,
      ADD PRIMARY KEY (ordering_key);

    ALTER TABLE webhook_deliveries ADD COLUMN ordering_key text;
    UPDATE webhook_deliveries SET ordering_key = account_id::text;
    ALTER TABLE webhook_deliveries
      ALTER COLUMN ordering_key SET NOT NULL,
      ALTER COLUMN account_id DROP NOT NULL;
    DROP INDEX webhook_deliveries_pending_idx;
    CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (subscription_id, ordering_key, id)
      WHERE state = 'PENDING';
    -- GET /v2/events/{eventId} lists an event's deliveries.
    CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (event_id);

    CREATE FUNCTION webhook_deliveries_ordering_key() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.ordering_key IS NULL THEN
        SELECT e.ordering_key INTO NEW.ordering_key FROM events e WHERE e.event_id = NEW.event_id;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER webhook_deliveries_ordering_key BEFORE INSERT ON webhook_deliveries
      FOR EACH ROW EXECUTE FUNCTION webhook_deliveries_ordering_key();

    -- A subscription's failed attempts since its last delivered one (no row: none). FAILING is
    -- recorded when the count reaches the threshold, so once per streak.
    CREATE TABLE webhook_failure_streaks (
      subscription_id uuid PRIMARY KEY REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
      failures int NOT NULL
    );
  `.execute(db);
}
