import { fromKysely, type JobData, QUEUES, sendJob } from '@wallet/jobs';
import { sql } from 'kysely';
import type { WriteContext } from './context.js';
import { lockCustomer } from './customers.js';
import { liftRestriction, type RestrictionChange } from './restrictions.js';

/** What a `restriction-expiry` job carries (@wallet/jobs' JOB_DATA). */
export type RestrictionExpiryJobData = JobData<typeof QUEUES.restrictionExpiry>;

/** Schedules the lift of a restriction at its expires_at, in the caller's transaction. */
export async function scheduleRestrictionExpiry(
  ctx: WriteContext,
  input: Omit<RestrictionExpiryJobData, 'requestId'>,
  expiresAt: Date,
): Promise<void> {
  const data: RestrictionExpiryJobData = { ...input, requestId: ctx.requestId };
  await sendJob(ctx.boss, QUEUES.restrictionExpiry, data, { db: fromKysely(ctx.trx), startAfter: expiresAt });
}

export type ExpiryOutcome =
  | { result: 'lifted'; change: RestrictionChange }
  /** Lifted already (by a partner or an earlier run), or no such restriction. */
  | { result: 'not_active' }
  /** Extended since this job was scheduled: the job of the later expiry lifts it. */
  | { result: 'not_due'; expiresAt: Date };

/**
 * Lifts a restriction whose cooling-off period is over, as 'SYSTEM'. The database clock decides
 * "over", the same clock pg-boss used to release the job, so a job never runs before its time is due.
 */
export async function expireRestriction(
  ctx: WriteContext,
  input: Omit<RestrictionExpiryJobData, 'requestId'>,
): Promise<ExpiryOutcome> {
  if (!(await lockCustomer(ctx, input.tenantId, input.customerId))) return { result: 'not_active' };
  const restriction = await ctx.trx
    .selectFrom('restrictions')
    .select(['id', 'expires_at', sql<boolean>`expires_at <= now()`.as('due')])
    .where('id', '=', input.restrictionId)
    .where('customer_id', '=', input.customerId)
    .where('lifted_at', 'is', null)
    .where('expires_at', 'is not', null)
    .executeTakeFirst();
  if (!restriction) return { result: 'not_active' };
  if (!restriction.due) return { result: 'not_due', expiresAt: restriction.expires_at as Date };
  const change = await liftRestriction(ctx, {
    customerId: input.customerId,
    restrictionId: input.restrictionId,
    liftedBy: 'SYSTEM',
  });
  return change ? { result: 'lifted', change } : { result: 'not_active' };
}
