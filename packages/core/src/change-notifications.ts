import { PermanentJobError } from '@wallet/jobs';
import { sql } from 'kysely';
import { type CoolingOffPeriods, ruleFor } from './change-notification-rules.js';
import type { WriteContext } from './context.js';
import { lockCustomer } from './customers.js';
import { scheduleRestrictionExpiry } from './restriction-expiry.js';
import { placeRestriction } from './restrictions.js';

export type ChangeOutcome =
  /** processed_at was set: a redelivered job, nothing done. */
  | { result: 'already_processed' }
  | { result: 'placed'; restrictionId: string; expiresAt: Date }
  /** The active restriction now lasts until the later expiry. */
  | { result: 'extended'; restrictionId: string; expiresAt: Date }
  /** The active restriction already lasts at least as long. */
  | { result: 'kept'; restrictionId: string; expiresAt: Date | null }
  /** changeTime + period is already past: nothing to restrict any more. */
  | { result: 'elapsed'; expiresAt: Date };

/**
 * Applies one stored change notification in the caller's transaction: places the rule's
 * restriction (or extends the active one) until changeTime + period, schedules its lift, and marks
 * the notification processed. Running it again for the same notification does nothing.
 * Throws PermanentJobError when the notification, its rule or its customer does not exist.
 */
export async function applyChangeNotification(
  ctx: WriteContext,
  input: { notificationId: string; periods: CoolingOffPeriods },
): Promise<ChangeOutcome> {
  const { trx } = ctx;
  // The customer is locked first, as every writer does (lockCustomer), then the notification is
  // marked processed: the mark commits only with the work below, and its row lock makes a job
  // delivered twice at once run once. The database clock decides what is already past.
  const target = await trx
    .selectFrom('change_notifications')
    .select(['tenant_id', 'customer_id'])
    .where('id', '=', input.notificationId)
    .executeTakeFirst();
  if (!target) throw new PermanentJobError(`change notification ${input.notificationId} does not exist`);
  const { tenant_id: tenantId, customer_id: customerId } = target;
  if (!(await lockCustomer(ctx, tenantId, customerId))) {
    throw new PermanentJobError(`customer ${customerId} does not exist in tenant ${tenantId}`);
  }
  const notification = await trx
    .updateTable('change_notifications')
    .set({ processed_at: sql<Date>`now()` })
    .where('id', '=', input.notificationId)
    .where('processed_at', 'is', null)
    .returning(['change_type', 'change_time', sql<Date>`now()`.as('now')])
    .executeTakeFirst();
  if (!notification) return { result: 'already_processed' };
  const rule = ruleFor(notification.change_type);
  if (!rule) throw new PermanentJobError(`no restriction rule for change type ${notification.change_type}`);
  // A JS Date (milliseconds) is both the stored expires_at and the expiry job's startAfter, exactly.
  const period = input.periods[notification.change_type as keyof CoolingOffPeriods];
  const expiresAt = new Date(notification.change_time.getTime() + period * 1000);
  return restrictUntil(ctx, { tenantId, customerId, rule, expiresAt, now: notification.now });
}

async function restrictUntil(
  ctx: WriteContext,
  input: {
    tenantId: string;
    customerId: string;
    rule: NonNullable<ReturnType<typeof ruleFor>>;
    expiresAt: Date;
    now: Date;
  },
): Promise<ChangeOutcome> {
  const { trx } = ctx;
  const { tenantId, customerId, rule, expiresAt } = input;
  const active = await trx
    .selectFrom('restrictions')
    .select(['id', 'expires_at'])
    .where('customer_id', '=', customerId)
    .where('source', '=', 'CHANGE_NOTIFICATION')
    .where('name', '=', rule.name)
    .where('reason', '=', rule.reason)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  if (active) {
    if (active.expires_at === null || active.expires_at >= expiresAt) {
      return { result: 'kept', restrictionId: active.id, expiresAt: active.expires_at };
    }
    await trx
      .updateTable('restrictions')
      .set({ expires_at: expiresAt })
      .where('id', '=', active.id)
      .execute();
    await scheduleRestrictionExpiry(ctx, { restrictionId: active.id, tenantId, customerId }, expiresAt);
    return { result: 'extended', restrictionId: active.id, expiresAt };
  }
  if (expiresAt <= input.now) return { result: 'elapsed', expiresAt };
  const { restriction } = await placeRestriction(ctx, {
    tenantId,
    customerId,
    name: rule.name,
    reason: rule.reason,
    requiredActions: [...rule.requiredActions],
    source: 'CHANGE_NOTIFICATION',
    expiresAt,
  });
  await scheduleRestrictionExpiry(ctx, { restrictionId: restriction.id, tenantId, customerId }, expiresAt);
  return { result: 'placed', restrictionId: restriction.id, expiresAt };
}
