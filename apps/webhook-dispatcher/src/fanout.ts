import type { Database } from '@wallet/db';
import { type Kysely, sql } from 'kysely';

/**
 * Turns recorded events of any type into one delivery row per ACTIVE or PAUSED subscription of the
 * event's tenant that names its type, in one transaction; a row is due at once and the pump claims it.
 * Each ordering key (an account for Account.UPDATE, a subscription for its operational events) is
 * fanned out under its cursor's row lock, and every not yet fanned-out event of the key up to the
 * newest one asked for goes out at once, in order: so for one subscription and ordering key, delivery
 * ids follow the order the events were recorded in, even when fan-out jobs run out of order or twice.
 * An event about a subscription is never delivered to that subscription. Returns how many deliveries
 * it created.
 */
export async function fanOut(db: Kysely<Database>, eventIds: string[]): Promise<number> {
  if (eventIds.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    await sql`
      INSERT INTO webhook_fanout_cursors (ordering_key, last_event_id)
      SELECT DISTINCT ordering_key, 0 FROM events WHERE event_id = ANY(${eventIds}::text[])
      ORDER BY ordering_key
      ON CONFLICT (ordering_key) DO NOTHING`.execute(trx);
    // Locked in key order, so that two fan-outs of overlapping keys cannot deadlock.
    await sql`
      SELECT ordering_key FROM webhook_fanout_cursors
      WHERE ordering_key IN (SELECT ordering_key FROM events WHERE event_id = ANY(${eventIds}::text[]))
      ORDER BY ordering_key
      FOR UPDATE`.execute(trx);
    const created = await sql<{ n: number }>`
      WITH targets AS (
        SELECT ordering_key, max(id) AS upto FROM events
        WHERE event_id = ANY(${eventIds}::text[]) GROUP BY ordering_key
      ), fresh AS (
        SELECT e.id, e.event_id, e.tenant_id, e.event_type, e.subject_type, e.subject_id, e.ordering_key,
          e.account_id
        FROM targets t
        JOIN webhook_fanout_cursors c ON c.ordering_key = t.ordering_key
        JOIN events e ON e.ordering_key = t.ordering_key AND e.id > c.last_event_id AND e.id <= t.upto
      ), inserted AS (
        INSERT INTO webhook_deliveries (subscription_id, event_id, account_id, ordering_key)
        SELECT s.id, f.event_id, f.account_id, f.ordering_key
        FROM fresh f
        JOIN webhook_subscriptions s ON s.tenant_id = f.tenant_id
          AND s.status IN ('ACTIVE', 'PAUSED') AND f.event_type = ANY(s.event_types)
          AND NOT (f.subject_type = 'WebhookSubscription' AND f.subject_id = s.id::text)
        ORDER BY f.id, s.id
        ON CONFLICT (subscription_id, event_id) WHERE NOT replay DO NOTHING
        RETURNING id
      ), moved AS (
        UPDATE webhook_fanout_cursors c SET last_event_id = t.upto
        FROM targets t WHERE c.ordering_key = t.ordering_key AND c.last_event_id < t.upto
      )
      SELECT count(*)::int AS n FROM inserted`.execute(trx);
    return created.rows[0]?.n ?? 0;
  });
}
