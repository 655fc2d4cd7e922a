import type { Database } from '@wallet/db';
import { type Kysely, sql } from 'kysely';

/** A claimed delivery: the oldest pending one of its subscription and account, with what sending needs. */
export interface DeliveryHead {
  deliveryId: string;
  /** The claim this process holds; its settlement only lands while no later claim was made. */
  claim: number;
  subscriptionId: string;
  accountId: string;
  eventId: string;
  attemptCount: number;
  url: string;
  secret: string;
  maxAttempts: number;
  subscriptionActive: boolean;
  payload: Record<string, unknown>;
}

interface ClaimedRow {
  id: string;
  claim: number;
  subscription_id: string;
  account_id: string;
  event_id: string;
  attempt_count: number;
  url: string;
  secret: string;
  max_attempts: number;
  status: string;
  payload: Record<string, unknown>;
}

/**
 * Claims up to `limit` due deliveries, each the head of its key (subscription, account): the oldest
 * pending row of its key. No ORDER BY across keys: the scan then stops at `limit` heads whatever the
 * planner's statistics say (a sorted claim sorted the whole backlog when they were stale, ~15 ms per
 * claim at 20,000 rows, against ~1 ms); every due head is still claimed within backlog/limit claims. A head waiting for its retry (or claimed, its lease running) is
 * not due, so everything behind it waits: that is the per-account order. Claiming moves the row's
 * next_attempt_at to the lease's end, so a dispatcher that dies leaves the row to be claimed again.
 * SKIP LOCKED lets replicas claim side by side.
 */
export async function claimDue(
  db: Kysely<Database>,
  limit: number,
  leaseSeconds: number,
): Promise<DeliveryHead[]> {
  const result = await sql<ClaimedRow>`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d
      WHERE d.state = 'PENDING' AND d.next_attempt_at <= now()
        AND d.id = (
          SELECT min(p.id) FROM webhook_deliveries p
          WHERE p.subscription_id = d.subscription_id AND p.account_id = d.account_id AND p.state = 'PENDING')
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE webhook_deliveries d
    SET next_attempt_at = now() + make_interval(secs => ${leaseSeconds}), claim = d.claim + 1
    FROM due, webhook_subscriptions s, account_events e
    WHERE d.id = due.id AND s.id = d.subscription_id AND e.event_id = d.event_id
    RETURNING d.id::text, d.claim, d.subscription_id::text, d.account_id::text, d.event_id, d.attempt_count,
      s.url, s.secret, s.max_attempts, s.status, e.payload`.execute(db);
  return result.rows.map((row) => ({
    deliveryId: row.id,
    claim: row.claim,
    subscriptionId: row.subscription_id,
    accountId: row.account_id,
    eventId: row.event_id,
    attemptCount: row.attempt_count,
    url: row.url,
    secret: row.secret,
    maxAttempts: row.max_attempts,
    subscriptionActive: row.status === 'ACTIVE',
    payload: row.payload,
  }));
}
