import type { Database } from '@wallet/db';
import { type DeliveryJobData, deliveryJobKey } from '@wallet/webhooks';
import { type Kysely, sql } from 'kysely';

/** The oldest pending delivery of one subscription and account: the only one that may go out. */
export interface DeliveryHead {
  deliveryId: string;
  subscriptionId: string;
  accountId: string;
  eventId: string;
  attemptCount: number;
  nextAttemptAt: Date;
  url: string;
  secret: string;
  maxAttempts: number;
  subscriptionActive: boolean;
  payload: Record<string, unknown>;
}

interface HeadRow {
  id: string;
  subscription_id: string;
  account_id: string;
  event_id: string;
  attempt_count: number;
  next_attempt_at: Date;
  url: string;
  secret: string;
  max_attempts: number;
  status: string;
  payload: Record<string, unknown>;
}

/**
 * The head of each job's key, by key. A job delivers its key's head rather than the row it was
 * created for, so that delivery order is the order of the rows whatever order jobs run in.
 */
export async function loadHeads(
  db: Kysely<Database>,
  jobs: readonly DeliveryJobData[],
): Promise<Map<string, DeliveryHead>> {
  const heads = new Map<string, DeliveryHead>();
  if (jobs.length === 0) return heads;
  const result = await sql<HeadRow>`
    SELECT DISTINCT ON (d.subscription_id, d.account_id)
      d.id::text, d.subscription_id::text, d.account_id::text, d.event_id, d.attempt_count,
      d.next_attempt_at, s.url, s.secret, s.max_attempts, s.status, e.payload
    FROM unnest(${jobs.map((j) => j.subscriptionId)}::uuid[], ${jobs.map((j) => j.accountId)}::bigint[])
      AS k(subscription_id, account_id)
    JOIN webhook_deliveries d
      ON d.subscription_id = k.subscription_id AND d.account_id = k.account_id AND d.state = 'PENDING'
    JOIN webhook_subscriptions s ON s.id = d.subscription_id
    JOIN account_events e ON e.event_id = d.event_id
    ORDER BY d.subscription_id, d.account_id, d.id`.execute(db);
  for (const row of result.rows) {
    heads.set(deliveryJobKey(row.subscription_id, row.account_id), {
      deliveryId: row.id,
      subscriptionId: row.subscription_id,
      accountId: row.account_id,
      eventId: row.event_id,
      attemptCount: row.attempt_count,
      nextAttemptAt: row.next_attempt_at,
      url: row.url,
      secret: row.secret,
      maxAttempts: row.max_attempts,
      subscriptionActive: row.status === 'ACTIVE',
      payload: row.payload,
    });
  }
  return heads;
}
