import type { RestrictionRow, RestrictionSource } from '@wallet/db';
import type { RequiredAction, RestrictionName, RestrictionReason } from '@wallet/domain';
import { sql } from 'kysely';
import type { RecordedEvent } from './account-events.js';
import { syncAccountStatuses } from './account-status-sync.js';
import type { WriteContext } from './context.js';

export interface PlaceRestriction {
  tenantId: string;
  customerId: string;
  name: RestrictionName;
  reason: RestrictionReason;
  requiredActions: RequiredAction[];
  source: RestrictionSource;
  expiresAt?: Date | null;
}

export interface RestrictionChange {
  restriction: RestrictionRow;
  events: RecordedEvent[];
}

/** Places a restriction (customer already locked) and syncs the accounts' statuses. */
export async function placeRestriction(
  ctx: WriteContext,
  input: PlaceRestriction,
): Promise<RestrictionChange> {
  const restriction = await ctx.trx
    .insertInto('restrictions')
    .values({
      tenant_id: input.tenantId,
      customer_id: input.customerId,
      name: input.name,
      reason: input.reason,
      required_actions: input.requiredActions,
      source: input.source,
      expires_at: input.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const events = await syncAccountStatuses(ctx, input.customerId, `restriction.placed:${restriction.id}`);
  return { restriction, events };
}

/** Lifts an active restriction (customer already locked). Undefined if none such is active. */
export async function liftRestriction(
  ctx: WriteContext,
  input: { customerId: string; restrictionId: string; liftedBy: string; liftReason?: string },
): Promise<RestrictionChange | undefined> {
  const restriction = await ctx.trx
    .updateTable('restrictions')
    .set({ lifted_at: sql<Date>`now()`, lifted_by: input.liftedBy, lift_reason: input.liftReason ?? null })
    .where('id', '=', input.restrictionId)
    .where('customer_id', '=', input.customerId)
    .where('lifted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!restriction) return undefined;
  const events = await syncAccountStatuses(ctx, input.customerId, `restriction.lifted:${restriction.id}`);
  return { restriction, events };
}

/** Who placed a customer's active restriction (`source`); undefined when it is not active or not the customer's. */
export async function activeRestrictionSource(
  ctx: Pick<WriteContext, 'trx'>,
  customerId: string,
  restrictionId: string,
): Promise<RestrictionSource | undefined> {
  const active = await ctx.trx
    .selectFrom('restrictions')
    .select('source')
    .where('id', '=', restrictionId)
    .where('customer_id', '=', customerId)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  return active?.source;
}
