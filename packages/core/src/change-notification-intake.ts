import { randomUUID } from 'node:crypto';
import type { Database } from '@wallet/db';
import type { ChangeType } from '@wallet/domain';
import { type NamedQueryRunner, type PgBoss, QUEUES, sendWithInsert } from '@wallet/jobs';
import { type Kysely, sql } from 'kysely';

/** What a `change-notification` job carries; the worker reads everything else from the stored row. */
export interface ChangeNotificationJobData {
  notificationId: string;
  requestId?: string;
}

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

/** What the intake needs: a pg pool for its one statement, Kysely to explain a refusal, and pg-boss. */
export interface IntakeContext {
  pool: NamedQueryRunner;
  db: Kysely<Database>;
  boss: PgBoss;
}

/** One notification to accept; requestId is carried into its job for log correlation. */
export interface IntakeItem extends ChangeNotificationInput {
  requestId?: string;
}

/**
 * The notifications, one row each; the customer is named through the tenant, so a foreign or
 * unknown customer leaves customer_id NULL and the NOT NULL constraint refuses the row. Arrays keep
 * the text the same for any number of rows: one prepared statement.
 */
const INSERT_NOTIFICATIONS = `INSERT INTO change_notifications
    (id, tenant_id, customer_id, change_type, change_time, idempotency_key)
  SELECT n.id, n.tenant_id,
    (SELECT c.id FROM customers c WHERE c.id = n.customer_id AND c.tenant_id = n.tenant_id),
    n.change_type, n.change_time, n.idempotency_key
  FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::timestamptz[], $6::text[])
    AS n (id, tenant_id, customer_id, change_type, change_time, idempotency_key)`;

/**
 * Stores change notifications and enqueues their jobs in ONE statement, so in one transaction:
 * `boss.insert` with a `db` adapter that puts the notifications' INSERT in front of pg-boss's own.
 * All or nothing: a replay (the natural key or the Idempotency-Key), a twin in the same call, or an
 * unknown customer refuses the whole statement and enqueues nothing; `isRefusedInsert` tells such an
 * error from a failure. Returns the notification ids, in order.
 */
export async function storeChangeNotifications(
  ctx: IntakeContext,
  items: readonly IntakeItem[],
): Promise<string[]> {
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
  };
  const jobs = items.map((item, i) => {
    const data: ChangeNotificationJobData = { notificationId: ids[i] as string, requestId: item.requestId };
    return { data };
  });
  await ctx.boss.insert(QUEUES.changeNotification, jobs, { db: sendWithInsert(ctx.pool, insert) });
  return ids;
}

/**
 * Accepts one change notification: stored with its job (see storeChangeNotifications), or, when the
 * store is refused, explained by reading what is there: a replay, a reused Idempotency-Key, or no such
 * customer. A concurrent twin waits for the first to commit, so it is explained as a replay.
 */
export async function acceptChangeNotification(ctx: IntakeContext, item: IntakeItem): Promise<IntakeResult> {
  try {
    const [notificationId] = await storeChangeNotifications(ctx, [item]);
    return { kind: 'accepted', notificationId: notificationId as string };
  } catch (err) {
    if (!isRefusedInsert(err)) throw err;
    return explainNoInsert(ctx.db, item);
  }
}

/** A unique violation (a replay) or customer_id left NULL (no such customer in the tenant). */
export function isRefusedInsert(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, table, column } = err as { code?: string; table?: string; column?: string };
  if (table !== 'change_notifications') return false;
  return code === '23505' || (code === '23502' && column === 'customer_id');
}

/** Why nothing was inserted: an unknown customer, a replay, or a reused Idempotency-Key. */
async function explainNoInsert(db: Kysely<Database>, input: ChangeNotificationInput): Promise<IntakeResult> {
  const customer = await db
    .selectFrom('customers')
    .select('id')
    .where('id', '=', input.customerId)
    .where('tenant_id', '=', input.tenantId)
    .executeTakeFirst();
  if (!customer) return { kind: 'customer_not_found' };
  const sameChange = sql<boolean>`customer_id = ${input.customerId} AND change_type = ${input.changeType}
    AND change_time = ${input.changeTime}::timestamptz`;
  if (input.idempotencyKey !== undefined) {
    const byKey = await db
      .selectFrom('change_notifications')
      .select(['id', sameChange.as('same')])
      .where('tenant_id', '=', input.tenantId)
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirst();
    if (byKey) return byKey.same ? { kind: 'replayed', notificationId: byKey.id } : { kind: 'key_conflict' };
  }
  const byChange = await db
    .selectFrom('change_notifications')
    .select('id')
    .where(sameChange)
    .executeTakeFirst();
  // Rows are never deleted, so a conflict that is neither of the two cannot happen.
  if (!byChange) throw new Error('change notification conflicted with no visible row');
  return { kind: 'replayed', notificationId: byChange.id };
}
