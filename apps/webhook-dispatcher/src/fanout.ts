import type { Database } from '@wallet/db';
import { ACCOUNT_UPDATE } from '@wallet/webhooks';
import { type Kysely, sql } from 'kysely';

/**
 * Turns recorded events into one delivery row per ACTIVE subscription of the event's tenant, in one
 * transaction; a row is due at once and the pump claims it. Each account is fanned out under its cursor's row lock, and
 * every not yet fanned-out event of the account up to the newest one asked for goes out at once, in
 * order: so for one subscription and account, delivery ids follow the account's changes even when
 * fan-out jobs run out of order or twice. Returns how many deliveries it created.
 */
export async function fanOut(db: Kysely<Database>, eventIds: string[]): Promise<number> {
  if (eventIds.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    await sql`
      INSERT INTO webhook_fanout_cursors (account_id, last_event_id)
      SELECT DISTINCT account_id, 0 FROM account_events WHERE event_id = ANY(${eventIds}::text[])
      ORDER BY account_id
      ON CONFLICT (account_id) DO NOTHING`.execute(trx);
    // Locked in account order, so that two fan-outs of overlapping accounts cannot deadlock.
    await sql`
      SELECT account_id FROM webhook_fanout_cursors
      WHERE account_id IN (SELECT account_id FROM account_events WHERE event_id = ANY(${eventIds}::text[]))
      ORDER BY account_id
      FOR UPDATE`.execute(trx);
    const created = await sql<{ n: number }>`
      WITH targets AS (
        SELECT account_id, max(id) AS upto FROM account_events
        WHERE event_id = ANY(${eventIds}::text[]) GROUP BY account_id
      ), fresh AS (
        SELECT e.id, e.event_id, e.tenant_id, e.account_id
        FROM targets t
        JOIN webhook_fanout_cursors c ON c.account_id = t.account_id
        JOIN account_events e ON e.account_id = t.account_id AND e.id > c.last_event_id AND e.id <= t.upto
      ), inserted AS (
        INSERT INTO webhook_deliveries (subscription_id, event_id, account_id)
        SELECT s.id, f.event_id, f.account_id
        FROM fresh f
        JOIN webhook_subscriptions s ON s.tenant_id = f.tenant_id
          AND s.status IN ('ACTIVE', 'PAUSED') AND ${ACCOUNT_UPDATE} = ANY(s.event_types)
        ORDER BY f.id, s.id
        ON CONFLICT (subscription_id, event_id) WHERE NOT replay DO NOTHING
        RETURNING id
      ), moved AS (
        UPDATE webhook_fanout_cursors c SET last_event_id = t.upto
        FROM targets t WHERE c.account_id = t.account_id AND c.last_event_id < t.upto
      )
      SELECT count(*)::int AS n FROM inserted`.execute(trx);
    return created.rows[0]?.n ?? 0;
  });
}
