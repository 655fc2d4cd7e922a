import type { Database } from '@wallet/db';
import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';

export interface RetentionOptions {
  /** Rows older than this many days go (DELIVERED deliveries by finished_at, events by created_at). */
  retentionDays: number;
  /** Rows per statement; each statement is its own short transaction. */
  batchSize: number;
  /** A run stops starting batches after this long; the next scheduled run goes on where it stopped. */
  budgetMs: number;
}

export interface RetentionOutcome {
  deliveries: number;
  attempts: number;
  events: number;
  /** Statements run (each one batch), for both tables together. */
  batches: number;
  /** The budget ran out before everything old was deleted. */
  unfinished: boolean;
}

/**
 * One batch: up to `batchSize` DELIVERED deliveries that finished before `cutoff`, with their attempts,
 * in one statement (one short transaction). Only DELIVERED rows are ever chosen: PENDING, FAILED and
 * CANCELLED ones stay whatever their age (they are what `recover` replays). SKIP LOCKED: a row a replay
 * holds (FOR SHARE, while it copies it) is left for the next run, and nothing here waits for a lock.
 */
export async function purgeDeliveredBatch(
  db: Kysely<Database>,
  cutoff: Date,
  batchSize: number,
): Promise<{ deliveries: number; attempts: number }> {
  const result = await sql<{ deliveries: number; attempts: number }>`
    WITH picked AS (
      SELECT id FROM webhook_deliveries
      WHERE state = 'DELIVERED' AND finished_at < ${cutoff}
      ORDER BY finished_at, id
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED
    ), attempts AS (
      DELETE FROM webhook_delivery_attempts a USING picked p WHERE a.delivery_id = p.id RETURNING 1
    ), deliveries AS (
      DELETE FROM webhook_deliveries d USING picked p WHERE d.id = p.id AND d.state = 'DELIVERED' RETURNING 1
    )
    SELECT (SELECT count(*) FROM deliveries)::int AS deliveries,
      (SELECT count(*) FROM attempts)::int AS attempts`.execute(db);
  return result.rows[0] ?? { deliveries: 0, attempts: 0 };
}

/**
 * One batch of old events (of any type), ids after `afterId`, oldest first.
 * An event stays, whatever its age, while:
 * - any delivery references it (PENDING, FAILED, CANCELLED, or DELIVERED within the retention period:
 *   the dispatcher reads the payload from the event, and recover replays it);
 * - it is not fanned out yet: its ordering key's fan-out cursor is not past it (or the key has none),
 *   so fan-out would still make deliveries of it;
 * - it is its ordering key's newest event: an account's next event reads its `previous_status` from it.
 * Returns how many it deleted and the last id it deleted (the next batch starts after it).
 */
async function purgeEventsBatch(
  db: Kysely<Database>,
  cutoff: Date,
  batchSize: number,
  afterId: string,
): Promise<{ events: number; lastId: string | null }> {
  const result = await sql<{ events: number; last_id: string | null }>`
    WITH picked AS (
      SELECT e.id FROM events e
      WHERE e.id > ${afterId}::bigint AND e.created_at < ${cutoff}
        AND EXISTS (
          SELECT 1 FROM webhook_fanout_cursors c
          WHERE c.ordering_key = e.ordering_key AND c.last_event_id >= e.id)
        AND EXISTS (SELECT 1 FROM events n WHERE n.ordering_key = e.ordering_key AND n.id > e.id)
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.event_id)
      ORDER BY e.id
      LIMIT ${batchSize}
      FOR UPDATE OF e SKIP LOCKED
    ), gone AS (
      DELETE FROM events e USING picked p WHERE e.id = p.id RETURNING e.id
    )
    SELECT count(*)::int AS events, max(id)::text AS last_id FROM gone`.execute(db);
  const row = result.rows[0];
  return { events: row?.events ?? 0, lastId: row?.last_id ?? null };
}

/**
 * Deletes what is past the retention period, in batches: DELIVERED deliveries with their attempts
 * first (so that their events are no longer referenced), then old events. Undelivered deliveries and
 * events still needed stay (see the batch functions); the notification feed (seed 002) is not
 * touched. Safe to run on several dispatchers at once (SKIP LOCKED), though the queue runs one.
 */
export async function purgeExpiredWebhookData(
  db: Kysely<Database>,
  options: RetentionOptions,
  logger?: Logger,
): Promise<RetentionOutcome> {
  const cutoff = new Date(Date.now() - options.retentionDays * 86_400_000);
  const deadline = Date.now() + options.budgetMs;
  const outcome: RetentionOutcome = { deliveries: 0, attempts: 0, events: 0, batches: 0, unfinished: false };
  for (;;) {
    if (Date.now() > deadline) return { ...outcome, unfinished: true };
    const batch = await purgeDeliveredBatch(db, cutoff, options.batchSize);
    outcome.batches++;
    outcome.deliveries += batch.deliveries;
    outcome.attempts += batch.attempts;
    if (batch.deliveries < options.batchSize) break;
  }
  let afterId = '0';
  for (;;) {
    if (Date.now() > deadline) return { ...outcome, unfinished: true };
    const batch = await purgeEventsBatch(db, cutoff, options.batchSize, afterId);
    outcome.batches++;
    outcome.events += batch.events;
    if (batch.events < options.batchSize || batch.lastId === null) break;
    afterId = batch.lastId;
  }
  logger?.info({ ...outcome, cutoff: cutoff.toISOString() }, 'webhook retention run');
  return outcome;
}
