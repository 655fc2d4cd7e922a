import { type Kysely, sql } from 'kysely';

/**
 * Indexes for webhook retention and recovery (apps/webhook-dispatcher retention job,
 * `POST /v2/webhook-subscriptions/{id}/recover`).
 *
 * - `webhook_deliveries (event_id)`: deleting an old event checks its foreign key from
 *   webhook_deliveries, which had no index led by event_id (the unique one starts with
 *   subscription_id), so each deleted event scanned the whole table. Recovery reads a subscription's
 *   replays of one event through it too.
 * - the DELIVERED rows by finished_at: what retention deletes, oldest first, in small batches.
 * - a subscription's stopped (FAILED, CANCELLED) original deliveries in order: what recovery reads.
 *
 * Built inside the migration's transaction (Kysely's Migrator runs each in one), so writes to
 * webhook_deliveries wait while they build: on a large table, build them beforehand with
 * `CREATE INDEX CONCURRENTLY` under these names, and this migration finds them (IF NOT EXISTS).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX IF NOT EXISTS webhook_deliveries_event_idx ON webhook_deliveries (event_id);
    CREATE INDEX IF NOT EXISTS webhook_deliveries_delivered_idx ON webhook_deliveries (finished_at, id)
      WHERE state = 'DELIVERED';
    CREATE INDEX IF NOT EXISTS webhook_deliveries_stopped_idx ON webhook_deliveries (subscription_id, id)
      WHERE state IN ('FAILED', 'CANCELLED') AND NOT replay;
  `.execute(db);
}
