import type { ChangeType } from '@wallet/domain';
import { fromKysely, QUEUES } from '@wallet/jobs';
import { sql } from 'kysely';
import type { WriteContext } from './context.js';

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

/**
 * Stores a change notification and enqueues its job in the caller's transaction. The insert names
 * the customer through the tenant, so a foreign customer stores nothing; ON CONFLICT covers both the
 * natural key and the Idempotency-Key, and a concurrent twin waits for the first to commit.
 */
export async function acceptChangeNotification(
  ctx: WriteContext,
  input: ChangeNotificationInput,
): Promise<IntakeResult> {
  const { trx } = ctx;
  const changeTime = sql<Date>`${input.changeTime}::timestamptz`;
  const inserted = await trx
    .insertInto('change_notifications')
    .columns(['tenant_id', 'customer_id', 'change_type', 'change_time', 'idempotency_key'])
    .expression((eb) =>
      eb
        .selectFrom('customers')
        .select([
          'tenant_id',
          'id',
          sql<string>`${input.changeType}::text`.as('change_type'),
          changeTime.as('change_time'),
          sql<string | null>`${input.idempotencyKey ?? null}::text`.as('idempotency_key'),
        ])
        .where('id', '=', input.customerId)
        .where('tenant_id', '=', input.tenantId),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    const data: ChangeNotificationJobData = { notificationId: inserted.id, requestId: ctx.requestId };
    await ctx.boss.send(QUEUES.changeNotification, data, { db: fromKysely(trx) });
    return { kind: 'accepted', notificationId: inserted.id };
  }
  return explainNoInsert(ctx, input);
}

/** Why nothing was inserted: an unknown customer, a replay, or a reused Idempotency-Key. */
async function explainNoInsert(ctx: WriteContext, input: ChangeNotificationInput): Promise<IntakeResult> {
  const { trx } = ctx;
  const customer = await trx
    .selectFrom('customers')
    .select('id')
    .where('id', '=', input.customerId)
    .where('tenant_id', '=', input.tenantId)
    .executeTakeFirst();
  if (!customer) return { kind: 'customer_not_found' };
  const sameChange = sql<boolean>`customer_id = ${input.customerId} AND change_type = ${input.changeType}
    AND change_time = ${input.changeTime}::timestamptz`;
  if (input.idempotencyKey !== undefined) {
    const byKey = await trx
      .selectFrom('change_notifications')
      .select(['id', sameChange.as('same')])
      .where('tenant_id', '=', input.tenantId)
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirst();
    if (byKey) return byKey.same ? { kind: 'replayed', notificationId: byKey.id } : { kind: 'key_conflict' };
  }
  const byChange = await trx
    .selectFrom('change_notifications')
    .select('id')
    .where(sameChange)
    .executeTakeFirst();
  // Rows are never deleted, so a conflict that is neither of the two cannot happen.
  if (!byChange) throw new Error('change notification conflicted with no visible row');
  return { kind: 'replayed', notificationId: byChange.id };
}
