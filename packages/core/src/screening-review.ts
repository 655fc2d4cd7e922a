import type { RestrictionRow, ScreeningRecordRow } from '@wallet/db';
import type { WriteContext } from './context.js';
import { lockCustomer } from './customers.js';
import { liftRestriction } from './restrictions.js';
import { applyHitEffects } from './screening-outcome.js';

export type ReviewOutcome = 'CONFIRMED_HIT' | 'FALSE_POSITIVE';

export type ReviewDecision =
  | { kind: 'not_found' }
  | { kind: 'conflict'; message: string }
  | {
      kind: 'decided';
      screening: ScreeningRecordRow;
      /** CONFIRMED_HIT: the compliance restriction was placed now (none was active). */
      restricted: boolean;
      /** FALSE_POSITIVE: the screening restrictions this decision lifted. */
      lifted: RestrictionRow[];
    };

async function audit(
  ctx: WriteContext,
  row: {
    tenantId: string;
    customerId: string;
    screeningId?: string;
    restrictionId?: string;
    action: string;
    actor: string;
    reason: string;
  },
): Promise<void> {
  await ctx.trx
    .insertInto('compliance_audit_log')
    .values({
      tenant_id: row.tenantId,
      customer_id: row.customerId,
      screening_id: row.screeningId ?? null,
      restriction_id: row.restrictionId ?? null,
      action: row.action,
      actor: row.actor,
      reason: row.reason,
      request_id: ctx.requestId ?? null,
    })
    .execute();
}

/**
 * A person's decision on a flagged (RED or YELLOW) screening, once, in the caller's transaction:
 * - CONFIRMED_HIT applies RED's effects (the compliance restriction and its notification) unless a
 *   screening restriction is already active;
 * - FALSE_POSITIVE lifts the active screening restriction, with the reason, unless a later
 *   screening of the customer is RED and not cleared (that one is decided on its own).
 * Either is recorded on the screening (who, when, why) and in the compliance audit log.
 * Another tenant's screening is `not_found`; a GREEN or already decided one is a `conflict`.
 */
export async function decideScreening(
  ctx: WriteContext,
  input: { tenantId: string; screeningId: string; outcome: ReviewOutcome; reason: string; actor: string },
): Promise<ReviewDecision> {
  const { trx } = ctx;
  const found = await trx
    .selectFrom('screening_records')
    .select('customer_id')
    .where('id', '=', input.screeningId)
    .where('tenant_id', '=', input.tenantId)
    .executeTakeFirst();
  if (!found) return { kind: 'not_found' };
  // The customer first, as every other write does, then the screening itself.
  if (!(await lockCustomer(ctx, input.tenantId, found.customer_id))) return { kind: 'not_found' };
  const screening = await trx
    .selectFrom('screening_records')
    .selectAll()
    .where('id', '=', input.screeningId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (screening.review_outcome !== null) {
    return {
      kind: 'conflict',
      message: `Screening ${screening.id} was already decided (${screening.review_outcome}) by ${screening.reviewed_by}`,
    };
  }
  if (screening.traffic_light === 'GREEN') {
    return { kind: 'conflict', message: `Screening ${screening.id} is GREEN: there is no hit to decide` };
  }
  const who = { tenantId: input.tenantId, customerId: screening.customer_id };
  let restricted = false;
  const lifted: RestrictionRow[] = [];
  if (input.outcome === 'CONFIRMED_HIT') {
    restricted = await applyHitEffects(ctx, who);
  } else {
    const laterHit = await trx
      .selectFrom('screening_records')
      .select('id')
      .where('customer_id', '=', screening.customer_id)
      .where('id', '>', screening.id)
      .where((eb) =>
        eb.or([
          eb('review_outcome', '=', 'CONFIRMED_HIT'),
          eb.and([eb('traffic_light', '=', 'RED'), eb('review_outcome', 'is', null)]),
        ]),
      )
      .executeTakeFirst();
    const active = laterHit
      ? []
      : await trx
          .selectFrom('restrictions')
          .select('id')
          .where('customer_id', '=', screening.customer_id)
          .where('source', '=', 'SCREENING')
          .where('lifted_at', 'is', null)
          .execute();
    for (const { id } of active) {
      const change = await liftRestriction(ctx, {
        customerId: screening.customer_id,
        restrictionId: id,
        liftedBy: input.actor,
        liftReason: input.reason,
      });
      if (change) lifted.push(change.restriction);
    }
  }
  const decided = await trx
    .updateTable('screening_records')
    .set({
      review_outcome: input.outcome,
      review_reason: input.reason,
      reviewed_by: input.actor,
      reviewed_at: new Date(),
    })
    .where('id', '=', screening.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, {
    ...who,
    screeningId: screening.id,
    action: `SCREENING_${input.outcome}`,
    actor: input.actor,
    reason: input.reason,
  });
  for (const restriction of lifted) {
    await audit(ctx, {
      ...who,
      screeningId: screening.id,
      restrictionId: restriction.id,
      action: 'RESTRICTION_LIFTED',
      actor: input.actor,
      reason: input.reason,
    });
  }
  return { kind: 'decided', screening: decided, restricted, lifted };
}

/**
 * The admin API's way of lifting any restriction, a compliance one included, with a reason that is
 * kept on the restriction and in the audit log. Undefined when no such restriction is active.
 */
export async function liftRestrictionWithReason(
  ctx: WriteContext,
  input: { restrictionId: string; reason: string; actor: string },
): Promise<RestrictionRow | undefined> {
  const restriction = await ctx.trx
    .selectFrom('restrictions')
    .select(['tenant_id', 'customer_id'])
    .where('id', '=', input.restrictionId)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  if (!restriction) return undefined;
  await lockCustomer(ctx, restriction.tenant_id, restriction.customer_id);
  const change = await liftRestriction(ctx, {
    customerId: restriction.customer_id,
    restrictionId: input.restrictionId,
    liftedBy: input.actor,
    liftReason: input.reason,
  });
  if (!change) return undefined;
  await audit(ctx, {
    tenantId: restriction.tenant_id,
    customerId: restriction.customer_id,
    restrictionId: input.restrictionId,
    action: 'RESTRICTION_LIFTED',
    actor: input.actor,
    reason: input.reason,
  });
  return change.restriction;
}
