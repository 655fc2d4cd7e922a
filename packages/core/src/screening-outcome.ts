import type { ScreeningQuery, ScreeningResult } from '@wallet/screening';
import type { WriteContext } from './context.js';
import { addNotification } from './notifications.js';
import { placeRestriction } from './restrictions.js';

export interface ScreeningOutcome {
  /** Id of the stored screening record: seed 003's archiveId. */
  archiveId: string;
  /** True when this screening placed the compliance restriction (a first RED hit). */
  restricted: boolean;
  /** True while an ALL_TRANSACTIONS restriction of any source is active. */
  blocked: boolean;
}

/** A RED hit's restriction (seed 003 issue): all transactions, for compliance, until customer service clears it. */
export const SCREENING_HIT_RESTRICTION = {
  name: 'ALL_TRANSACTIONS',
  reason: 'COMPLIANCE',
  requiredActions: ['CONTACT_CUSTOMER_SERVICE'],
} as const;

/**
 * Stores a screening and applies its effects, in the caller's transaction (customer locked):
 * - RED: the compliance restriction (once: a repeated hit does not stack another), which moves the
 *   accounts to BLOCKED and records their Account.UPDATE events, and a
 *   `wallet_aml_screening_not_successful` ERROR notification;
 * - GREEN after an earlier RED or YELLOW: a `wallet_verified` SUCCESS notification. It does not lift the
 *   restriction: a compliance block is cleared by a person (a FALSE_POSITIVE review decision or the
 *   admin API, see screening-review.ts), not by a new name.
 */
export async function recordScreening(
  ctx: WriteContext,
  input: {
    tenantId: string;
    customerId: string;
    queries: ScreeningQuery[];
    result: ScreeningResult;
    /** The lists screened against (see the API's list versions); shown to reviewers. */
    listVersion?: string;
  },
): Promise<ScreeningOutcome> {
  const { trx } = ctx;
  const { result } = input;
  const previous = await trx
    .selectFrom('screening_records')
    .select('traffic_light')
    .where('customer_id', '=', input.customerId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const record = await trx
    .insertInto('screening_records')
    .values({
      tenant_id: input.tenantId,
      customer_id: input.customerId,
      query: JSON.stringify(input.queries),
      traffic_light: result.trafficLight,
      hit_type: result.hitType ?? null,
      manual_review: result.manualReview,
      details: JSON.stringify(result.details),
      matches: JSON.stringify(result.matches),
      list_version: input.listVersion ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const who = { tenantId: input.tenantId, customerId: input.customerId };
  let restricted = false;
  if (result.trafficLight === 'RED') {
    restricted = await applyHitEffects(ctx, who);
  } else if (result.trafficLight === 'GREEN' && previous && previous.traffic_light !== 'GREEN') {
    await addNotification(ctx, { ...who, messageType: 'wallet_verified', type: 'SUCCESS' });
  }
  const blocked = await trx
    .selectFrom('restrictions')
    .select('id')
    .where('customer_id', '=', input.customerId)
    .where('name', '=', 'ALL_TRANSACTIONS')
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  return { archiveId: record.id, restricted, blocked: blocked !== undefined };
}

/**
 * RED's effects (customer locked): the compliance restriction, unless one placed by screening is
 * already active, and the `wallet_aml_screening_not_successful` notification with it.
 * True when the restriction was placed now.
 */
export async function applyHitEffects(
  ctx: WriteContext,
  who: { tenantId: string; customerId: string },
): Promise<boolean> {
  const existing = await ctx.trx
    .selectFrom('restrictions')
    .select('id')
    .where('customer_id', '=', who.customerId)
    .where('source', '=', 'SCREENING')
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  if (existing) return false;
  await placeRestriction(ctx, {
    ...who,
    ...SCREENING_HIT_RESTRICTION,
    requiredActions: [...SCREENING_HIT_RESTRICTION.requiredActions],
    source: 'SCREENING',
  });
  await addNotification(ctx, { ...who, messageType: 'wallet_aml_screening_not_successful', type: 'ERROR' });
  return true;
}
