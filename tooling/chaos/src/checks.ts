import type { Database } from '@wallet/db';
import { type Kysely, sql } from 'kysely';
import type { DriveResult } from './driver.js';
import type { Receiver } from './receivers.js';

export interface Counts {
  [name: string]: number;
}

/** Every 202 has its restriction; no customer holds two. */
export async function restrictionCounts(db: Kysely<Database>, drive: DriveResult): Promise<Counts> {
  const customers = [...drive.accepted.keys()];
  const restricted = await db
    .selectFrom('restrictions')
    .select(['customer_id', sql<number>`count(*)::int`.as('n')])
    .where('source', '=', 'CHANGE_NOTIFICATION')
    .where('lifted_at', 'is', null)
    .groupBy('customer_id')
    .execute();
  const byCustomer = new Map(restricted.map((r) => [r.customer_id, r.n]));
  const stored = await db
    .selectFrom('change_notifications')
    .select(['customer_id', 'change_time', 'processed_at'])
    .execute();
  const storedKeys = new Set(stored.map((r) => `${r.customer_id}|${r.change_time.toISOString()}`));
  const acceptedKeys = [...drive.accepted].flatMap(([customer, times]) =>
    times.map((t) => `${customer}|${t}`),
  );
  return {
    'accepted notifications not stored': acceptedKeys.filter((k) => !storedKeys.has(k)).length,
    'stored notifications never processed': stored.filter((r) => r.processed_at === null).length,
    'customers with a 202': customers.length,
    'customers with a 202 but no restriction': customers.filter((c) => !byCustomer.has(c)).length,
    'customers with a duplicate restriction': restricted.filter((r) => r.n > 1).length,
  };
}

/** Every Account.UPDATE reached every active subscriber; nothing reached a cancelled one after cancelling. */
export async function deliveryCounts(
  db: Kysely<Database>,
  active: Receiver[],
  cancelled: Receiver[],
): Promise<Counts> {
  const events = await db.selectFrom('account_events').select('event_id').execute();
  let missing = 0;
  for (const receiver of active) for (const e of events) if (!receiver.delivered.has(e.event_id)) missing++;
  // Requests already in flight when the 410 cancelled the subscription are fine; one that arrives after
  // the cancellation committed is a leak.
  let afterCancel = 0;
  for (const receiver of cancelled) {
    const row = await db
      .selectFrom('webhook_subscriptions')
      .select('cancelled_at')
      .where('url', '=', receiver.url)
      .executeTakeFirst();
    const at = row?.cancelled_at?.getTime();
    afterCancel +=
      at === undefined ? receiver.requests.length : receiver.requests.filter((r) => r.at > at).length;
  }
  return {
    'account status changes (events)': events.length,
    'event deliveries missing at active subscribers': missing,
    'requests to a cancelled subscriber after it was cancelled': afterCancel,
  };
}

/** Jobs that should have run by now but have not (future-dated expiry jobs are not stuck). */
export async function stuckJobCounts(db: Kysely<Database>): Promise<Counts> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pgboss.job
    WHERE state IN ('created', 'retry', 'active') AND start_after < now() - interval '30 seconds'`.execute(
    db,
  );
  return { 'stuck jobs': rows[0]?.n ?? 0 };
}
