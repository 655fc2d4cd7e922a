import { randomUUID } from 'node:crypto';
import { fromKysely, insertJobs, PermanentJobError, QUEUES } from '@wallet/jobs';
import { sql } from 'kysely';
import { syncAccountStatusesOf } from './account-status-sync-batch.js';
import { type CoolingOffPeriods, ruleFor } from './change-notification-rules.js';
import type { ChangeOutcome } from './change-notifications.js';
import type { WriteContext } from './context.js';
import { lockCustomersOfNotifications } from './customers.js';
import type { RestrictionExpiryJobData } from './restriction-expiry.js';

interface Marked {
  id: string;
  tenant_id: string;
  customer_id: string;
  change_type: string;
  change_time: Date;
  now: Date;
}

interface Active {
  id: string;
  expiresAt: Date | null;
  /** Placed by this batch: inserted at its end, with the latest expiresAt. */
  placed?: Placement;
}

interface Placement {
  id: string;
  tenantId: string;
  customerId: string;
  rule: NonNullable<ReturnType<typeof ruleFor>>;
  expiresAt: Date;
  requestId: string | undefined;
}

const activeKey = (customerId: string, name: string, reason: string) => `${customerId}|${name}|${reason}`;

/**
 * Applies several stored change notifications in the caller's transaction, with the outcome of each
 * exactly as applyChangeNotification, one after the other in the given order, would have it, but in a
 * few statements for the whole batch instead of about six per notification (the worker's group commit
 * spends its time in round trips otherwise):
 * 1. the customers, locked all at once in id order (lockCustomersOfNotifications), as every writer;
 * 2. every notification marked processed in one UPDATE (those already processed are not returned);
 * 3. the customers' active change-notification restrictions in one SELECT;
 * 4. in memory, in order: kept, extended, elapsed or placed;
 * 5. the restrictions placed, in one INSERT, and their customers' accounts moved with their
 *    Account.UPDATE events and fan-out jobs (syncAccountStatusesOf: four statements);
 * 6. the extended restrictions' new expires_at in one UPDATE, and one expiry job per placed or
 *    extended notification, in one INSERT (boss.insert in this transaction).
 * Throws PermanentJobError when a notification, its customer or its rule does not exist: the whole
 * batch rolls back, and the worker runs each job on its own (applyChangeNotification) to find it.
 */
export async function applyChangeNotifications(
  ctx: WriteContext,
  input: {
    /** Each with the requestId its jobs carry (the API request's), for log correlation. */
    notifications: readonly { id: string; requestId?: string | undefined }[];
    periods: CoolingOffPeriods;
  },
): Promise<ChangeOutcome[]> {
  const { trx } = ctx;
  const ids = input.notifications.map((n) => n.id);
  const locked = await lockCustomersOfNotifications(ctx, ids);
  const tenantOf = new Map(locked.map((c) => [c.id, c.tenant_id]));
  const { rows: marked } = await sql<Marked>`UPDATE change_notifications
    SET processed_at = now()
    WHERE id = ANY(${ids}::uuid[]) AND processed_at IS NULL
    RETURNING id, tenant_id, customer_id, change_type, change_time, now() AS now`.execute(trx);
  const markedById = new Map(marked.map((m) => [m.id, m]));
  if (markedById.size < new Set(ids).size) {
    const unmarked = ids.filter((id) => !markedById.has(id));
    const { rows } = await sql<{ id: string }>`SELECT id FROM change_notifications
      WHERE id = ANY(${unmarked}::uuid[])`.execute(trx);
    const existing = new Set(rows.map((r) => r.id));
    const missing = unmarked.find((id) => !existing.has(id));
    if (missing !== undefined) throw new PermanentJobError(`change notification ${missing} does not exist`);
  }
  for (const m of marked) {
    if (tenantOf.get(m.customer_id) !== m.tenant_id) {
      throw new PermanentJobError(`customer ${m.customer_id} does not exist in tenant ${m.tenant_id}`);
    }
  }

  const customers = [...new Set(marked.map((m) => m.customer_id))];
  const { rows: actives } = await sql<{
    id: string;
    customer_id: string;
    name: string;
    reason: string;
    expires_at: Date | null;
  }>`SELECT id, customer_id, name, reason, expires_at FROM restrictions
    WHERE customer_id = ANY(${customers}::bigint[]) AND source = 'CHANGE_NOTIFICATION' AND lifted_at IS NULL`.execute(
    trx,
  );
  const active = new Map<string, Active>(
    actives.map((r) => [activeKey(r.customer_id, r.name, r.reason), { id: r.id, expiresAt: r.expires_at }]),
  );

  const extended = new Map<string, Date>();
  const placements: Placement[] = [];
  const expiryJobs: { data: RestrictionExpiryJobData; startAfter: Date }[] = [];
  const outcomes: ChangeOutcome[] = [];
  for (const { id, requestId } of input.notifications) {
    const notification = markedById.get(id);
    // Not marked by this batch (processed before), or the same notification twice in one batch.
    if (!notification) {
      outcomes.push({ result: 'already_processed' });
      continue;
    }
    markedById.delete(id);
    const { tenant_id: tenantId, customer_id: customerId } = notification;
    const rule = ruleFor(notification.change_type);
    if (!rule) throw new PermanentJobError(`no restriction rule for change type ${notification.change_type}`);
    const period = input.periods[notification.change_type as keyof CoolingOffPeriods];
    const expiresAt = new Date(notification.change_time.getTime() + period * 1000);
    const key = activeKey(customerId, rule.name, rule.reason);
    const current = active.get(key);
    const expiry = (restrictionId: string) =>
      expiryJobs.push({
        data: { restrictionId, tenantId, customerId, requestId },
        startAfter: expiresAt,
      });
    if (current) {
      if (current.expiresAt === null || current.expiresAt >= expiresAt) {
        outcomes.push({ result: 'kept', restrictionId: current.id, expiresAt: current.expiresAt });
        continue;
      }
      current.expiresAt = expiresAt;
      if (current.placed) current.placed.expiresAt = expiresAt;
      else extended.set(current.id, expiresAt);
      expiry(current.id);
      outcomes.push({ result: 'extended', restrictionId: current.id, expiresAt });
      continue;
    }
    if (expiresAt <= notification.now) {
      outcomes.push({ result: 'elapsed', expiresAt });
      continue;
    }
    const placed: Placement = { id: randomUUID(), tenantId, customerId, rule, expiresAt, requestId };
    placements.push(placed);
    active.set(key, { id: placed.id, expiresAt, placed });
    expiry(placed.id);
    outcomes.push({ result: 'placed', restrictionId: placed.id, expiresAt });
  }

  await place(ctx, placements);

  if (extended.size > 0) {
    await sql`UPDATE restrictions r SET expires_at = v.expires_at
      FROM unnest(${[...extended.keys()]}::uuid[], ${[...extended.values()]}::timestamptz[]) AS v (id, expires_at)
      WHERE r.id = v.id`.execute(trx);
  }
  if (expiryJobs.length > 0) {
    await insertJobs(ctx.boss, QUEUES.restrictionExpiry, expiryJobs, { db: fromKysely(trx) });
  }
  return outcomes;
}

/**
 * Inserts the batch's new restrictions (ids chosen in memory, so outcomes and expiry jobs could name
 * them before) and syncs their customers' accounts, as placeRestriction does one at a time. A
 * customer placed twice in one batch (two rules) is synced after each placement in turn, in rounds,
 * so that it records the same events as one placement after the other.
 */
async function place(ctx: WriteContext, placements: readonly Placement[]): Promise<void> {
  const rounds: Placement[][] = [];
  const seen = new Map<string, number>();
  for (const p of placements) {
    const round = seen.get(p.customerId) ?? 0;
    seen.set(p.customerId, round + 1);
    const members = rounds[round] ?? [];
    members.push(p);
    rounds[round] = members;
  }
  for (const round of rounds) {
    await sql`INSERT INTO restrictions
        (id, tenant_id, customer_id, name, reason, required_actions, source, expires_at)
      SELECT v.id, v.tenant_id, v.customer_id, v.name, v.reason,
        ARRAY(SELECT jsonb_array_elements_text(v.required_actions)), 'CHANGE_NOTIFICATION', v.expires_at
      FROM unnest(${round.map((p) => p.id)}::uuid[], ${round.map((p) => p.tenantId)}::uuid[],
        ${round.map((p) => p.customerId)}::bigint[], ${round.map((p) => p.rule.name)}::text[],
        ${round.map((p) => p.rule.reason)}::text[],
        ${round.map((p) => JSON.stringify(p.rule.requiredActions))}::jsonb[],
        ${round.map((p) => p.expiresAt)}::timestamptz[])
        AS v (id, tenant_id, customer_id, name, reason, required_actions, expires_at)`.execute(ctx.trx);
    await syncAccountStatusesOf(
      ctx,
      round.map((p) => ({
        customerId: p.customerId,
        cause: `restriction.placed:${p.id}`,
        requestId: p.requestId,
      })),
    );
  }
}
