import { randomUUID } from 'node:crypto';
import { retryTransient } from '@wallet/db';
import type { ChangeType } from '@wallet/domain';
import {
  insertJobs,
  type JobData,
  type NamedQueryRunner,
  type PgBoss,
  QUEUES,
  sendWithInsert,
} from '@wallet/jobs';

/** What a `change-notification` job carries; the worker reads everything else from the stored row. */
export type ChangeNotificationJobData = JobData<typeof QUEUES.changeNotification>;

export interface ChangeNotificationInput {
  tenantId: string;
  customerId: string;
  changeType: ChangeType;
  /** RFC 3339, UTC; PostgreSQL parses it, keeping microseconds. */
  changeTime: string;
  idempotencyKey?: string;
}

export type IntakeResult =
  | { kind: 'accepted'; notificationId: string }
  /** The same change (or the same Idempotency-Key with the same change) was already accepted. */
  | { kind: 'replayed'; notificationId: string }
  | { kind: 'customer_not_found' }
  /** The Idempotency-Key was used before for another change. */
  | { kind: 'key_conflict' };

/** What the intake needs: a pg pool for its statements, and pg-boss. */
export interface IntakeContext {
  pool: NamedQueryRunner;
  boss: PgBoss;
}

/** One notification to accept; requestId is carried into its job for log correlation. */
export interface IntakeItem extends ChangeNotificationInput {
  requestId?: string;
}

/**
 * The notifications, one row each, skipping per row what cannot be stored instead of failing the
 * statement: a customer that is not the tenant's (the join leaves it out) and a replay (the natural
 * key or the Idempotency-Key is taken, by an earlier row or by an earlier member of the same call:
 * ON CONFLICT DO NOTHING). RETURNING names the rows stored; their jobs, and only theirs, are inserted
 * by the same statement (sendWithInsert's jobsOnlyForReturnedIds).
 *
 * Rows go in customer id order (then arrival order), so the foreign key's FOR KEY SHARE locks on
 * customers are taken in the order every writer locks them (see lockCustomers). Arrays keep the
 * text the same for any number of rows: one prepared statement.
 */
const INSERT_NOTIFICATIONS = `INSERT INTO change_notifications
    (id, tenant_id, customer_id, change_type, change_time, idempotency_key)
  SELECT n.id, n.tenant_id, c.id, n.change_type, n.change_time, n.idempotency_key
  FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::timestamptz[], $6::text[])
    WITH ORDINALITY AS n (id, tenant_id, customer_id, change_type, change_time, idempotency_key, ord)
  JOIN customers c ON c.id = n.customer_id AND c.tenant_id = n.tenant_id
  ORDER BY c.id, n.ord
  ON CONFLICT DO NOTHING
  RETURNING id`;

/**
 * Why each of the given notifications was not stored, in one statement: whether the customer is
 * the tenant's, the row holding the Idempotency-Key (and whether it is the same change), and the
 * row holding the same change. Run after the insert committed, so every row that made it skip one
 * (ON CONFLICT waits for a concurrent twin's transaction) is visible.
 */
const EXPLAIN_NOT_INSERTED = `SELECT n.ord,
    EXISTS (SELECT 1 FROM customers c WHERE c.id = n.customer_id AND c.tenant_id = n.tenant_id) AS customer_found,
    k.id AS key_id, k.same AS key_same,
    (SELECT cn.id FROM change_notifications cn WHERE cn.customer_id = n.customer_id
      AND cn.change_type = n.change_type AND cn.change_time = n.change_time) AS change_id
  FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::timestamptz[], $5::text[])
    WITH ORDINALITY AS n (tenant_id, customer_id, change_type, change_time, idempotency_key, ord)
  LEFT JOIN LATERAL (
    SELECT cn.id, (cn.customer_id = n.customer_id AND cn.change_type = n.change_type
      AND cn.change_time = n.change_time) AS same
    FROM change_notifications cn
    WHERE cn.tenant_id = n.tenant_id AND cn.idempotency_key = n.idempotency_key
  ) k ON true`;

interface Explanation {
  ord: string;
  customer_found: boolean;
  key_id: string | null;
  key_same: boolean | null;
  change_id: string | null;
}

/**
 * Stores change notifications and enqueues their jobs in ONE statement, so in one transaction:
 * `boss.insert` with a `db` adapter that puts the notifications' INSERT in front of pg-boss's own.
 * A member that cannot be stored (a replay, a twin within the call, an unknown customer) is skipped
 * and gets no job; the others are stored with theirs. Returns each item's id when it was stored,
 * undefined when it was skipped.
 */
export async function storeChangeNotifications(
  ctx: IntakeContext,
  items: readonly IntakeItem[],
): Promise<(string | undefined)[]> {
  const ids = items.map(() => randomUUID());
  const insert = {
    text: INSERT_NOTIFICATIONS,
    values: [
      ids,
      items.map((i) => i.tenantId),
      items.map((i) => i.customerId),
      items.map((i) => i.changeType),
      items.map((i) => i.changeTime),
      items.map((i) => i.idempotencyKey ?? null),
    ],
    jobsOnlyForReturnedIds: true,
  };
  // Each job has its notification's id, which is how the statement pairs them.
  const jobs = items.map((item, i) => {
    const id = ids[i] as string;
    const data: ChangeNotificationJobData = { notificationId: id, requestId: item.requestId };
    return { id, data };
  });
  const stored = await insertJobs(ctx.boss, QUEUES.changeNotification, jobs, {
    db: sendWithInsert(ctx.pool, insert),
    returnId: true,
  });
  const inserted = new Set(stored ?? []);
  return ids.map((id) => (inserted.has(id) ? id : undefined));
}

/**
 * Accepts change notifications together: one statement stores those that can be stored, with their
 * jobs (storeChangeNotifications), and, only when some were skipped, one more statement explains
 * each of those (a replay, a reused Idempotency-Key, or no such customer). A deadlock or
 * serialization failure rolls the statement back whole and it runs again (retryTransient).
 * Of two members of one call with the same change, the first (in the given order) is stored and the
 * later one is its replay; two with the same Idempotency-Key must not share a call (the batcher
 * keeps them apart), since the rows are stored in customer order.
 */
export async function acceptChangeNotifications(
  ctx: IntakeContext,
  items: readonly IntakeItem[],
): Promise<IntakeResult[]> {
  const ids = await retryTransient(() => storeChangeNotifications(ctx, items));
  const skipped = items.flatMap((item, i) => (ids[i] === undefined ? [{ item, i }] : []));
  const results: IntakeResult[] = ids.map((id) =>
    id === undefined ? { kind: 'customer_not_found' } : { kind: 'accepted', notificationId: id },
  );
  if (skipped.length === 0) return results;
  const { rows } = await ctx.pool.query({
    name: 'wallet_intake_explain',
    text: EXPLAIN_NOT_INSERTED,
    values: [
      skipped.map((s) => s.item.tenantId),
      skipped.map((s) => s.item.customerId),
      skipped.map((s) => s.item.changeType),
      skipped.map((s) => s.item.changeTime),
      skipped.map((s) => s.item.idempotencyKey ?? null),
    ],
  });
  for (const row of rows as Explanation[]) {
    const { i } = skipped[Number(row.ord) - 1] as { i: number };
    results[i] = explain(row);
  }
  return results;
}

/** Accepts one change notification (see acceptChangeNotifications). */
export async function acceptChangeNotification(ctx: IntakeContext, item: IntakeItem): Promise<IntakeResult> {
  const [result] = await acceptChangeNotifications(ctx, [item]);
  return result as IntakeResult;
}

/** One skipped notification's answer. */
function explain(row: Explanation): IntakeResult {
  if (!row.customer_found) return { kind: 'customer_not_found' };
  if (row.key_id !== null) {
    return row.key_same ? { kind: 'replayed', notificationId: row.key_id } : { kind: 'key_conflict' };
  }
  // Rows are never deleted, so a skipped row whose customer exists met one of the two.
  if (row.change_id === null) throw new Error('change notification was skipped but conflicts with no row');
  return { kind: 'replayed', notificationId: row.change_id };
}
