import type { Database, WebhookDeliveryRow, WebhookSubscriptionRow } from '@wallet/db';
import { type Kysely, sql, type Transaction } from 'kysely';

/** Most deliveries one recover call queues; the answer says whether more are left. */
export const RECOVER_MAX_PER_CALL = 1000;

/** Why a replay or a recovery queued nothing. */
export type ReplayRefusal =
  /** No such subscription in the tenant (another tenant's is the same: 404, never 403). */
  | { kind: 'subscription_not_found' }
  /** A CANCELLED subscription takes no new deliveries: it must be reactivated first (409). */
  | { kind: 'cancelled' };

export type ReplayResult =
  | { kind: 'queued'; delivery: WebhookDeliveryRow; eventType: string }
  /** The event was never fanned out to this subscription (or its history is past retention). */
  | { kind: 'event_not_found' }
  | ReplayRefusal;

export type RecoverResult =
  | {
      kind: 'queued';
      /** Deliveries queued by this call, at most the call's limit. */
      queued: number;
      /** More stopped deliveries qualify: call again with the same `since` (what was queued is skipped). */
      hasMore: boolean;
      /** The queued deliveries' event ids, in the order they will be sent (per account). */
      eventIds: string[];
    }
  | ReplayRefusal;

/**
 * The tenant's subscription, locked FOR SHARE for the caller's transaction: a cancellation locks it
 * FOR UPDATE before it cancels the subscription's PENDING deliveries, so a replay either commits
 * before it (and its new row is cancelled with the others) or sees CANCELLED and queues nothing. It
 * never leaves a PENDING row behind on a cancelled subscription.
 */
async function lockOwnSubscription(
  trx: Transaction<Database>,
  tenantId: string,
  subscriptionId: string,
): Promise<WebhookSubscriptionRow | undefined> {
  return trx
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('id', '=', subscriptionId)
    .where('tenant_id', '=', tenantId)
    .forShare()
    .executeTakeFirst();
}

/**
 * Inserts replay deliveries (new rows, due at once, same event ids) for the given original deliveries,
 * in their order: ids are allocated in the SELECT's order, and the dispatcher sends each
 * (subscription, account) key's pending rows by id, so a replayed sequence keeps the account's order.
 * Replays of one account queue behind that account's deliveries already pending. The one statement
 * that writes replays: keep it the only place that knows how a replay row is made.
 */
async function insertReplayDeliveries(
  trx: Transaction<Database>,
  originalIds: readonly string[],
): Promise<WebhookDeliveryRow[]> {
  if (originalIds.length === 0) return [];
  const inserted = await sql<WebhookDeliveryRow>`
    INSERT INTO webhook_deliveries (subscription_id, event_id, account_id, ordering_key, replay)
    SELECT d.subscription_id, d.event_id, d.account_id, d.ordering_key, true
    FROM webhook_deliveries d
    WHERE d.id = ANY(${originalIds}::bigint[])
    ORDER BY d.id
    RETURNING *`.execute(trx);
  return [...inserted.rows].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

/**
 * `POST .../deliveries/{eventId}/replay`: sends one event to the subscription again, as a new delivery
 * with the event's own eventId, whatever became of the first one (delivered, failed, cancelled). A
 * PAUSED subscription takes it and sends it once resumed, like every delivery it accumulates.
 * `eventId` null: the caller's id is not an event id, so only the subscription is looked up.
 */
export async function replayWebhookDelivery(
  db: Kysely<Database>,
  input: { tenantId: string; subscriptionId: string; eventId: string | null },
): Promise<ReplayResult> {
  return db.transaction().execute(async (trx) => {
    const subscription = await lockOwnSubscription(trx, input.tenantId, input.subscriptionId);
    if (!subscription) return { kind: 'subscription_not_found' } as const;
    // FOR SHARE: retention (which deletes old DELIVERED rows with SKIP LOCKED) leaves it, and its
    // event, alone until the replay referencing that event has committed.
    if (input.eventId === null) return { kind: 'event_not_found' } as const;
    const original = await trx
      .selectFrom('webhook_deliveries')
      .innerJoin('events', 'events.event_id', 'webhook_deliveries.event_id')
      .select(['webhook_deliveries.id', 'events.event_type'])
      .where('subscription_id', '=', subscription.id)
      .where('webhook_deliveries.event_id', '=', input.eventId)
      .where('replay', '=', false)
      .forShare('webhook_deliveries')
      .executeTakeFirst();
    if (!original) return { kind: 'event_not_found' } as const;
    if (subscription.status === 'CANCELLED') return { kind: 'cancelled' } as const;
    const [delivery] = await insertReplayDeliveries(trx, [original.id]);
    if (!delivery) throw new Error('the replay delivery was not inserted');
    return { kind: 'queued', delivery, eventType: original.event_type } as const;
  });
}

/**
 * `POST .../recover {"since"}`: queues a replay of every event whose delivery to this subscription
 * stopped (its original delivery, made at or after `since`, is FAILED or CANCELLED) and that the
 * subscriber still has not got: an event with a replay PENDING or DELIVERED is skipped. So a call is
 * idempotent, and the continuation of a call that left `hasMore` is the same call again. At most
 * `limit` (≤ RECOVER_MAX_PER_CALL) per call, in the original deliveries' order, so each account's
 * events go out in the order they happened.
 *
 * Refused on a CANCELLED subscription (see lockOwnSubscription): reactivating is the partner's
 * decision that the endpoint works again (checked with a test send); recovery would otherwise queue
 * a thousand rows that the next failure cancels again.
 */
export async function recoverWebhookDeliveries(
  db: Kysely<Database>,
  input: { tenantId: string; subscriptionId: string; since: Date | string; limit?: number },
): Promise<RecoverResult> {
  const limit = Math.min(input.limit ?? RECOVER_MAX_PER_CALL, RECOVER_MAX_PER_CALL);
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be 1 or more');
  return db.transaction().execute(async (trx) => {
    const subscription = await lockOwnSubscription(trx, input.tenantId, input.subscriptionId);
    if (!subscription) return { kind: 'subscription_not_found' } as const;
    if (subscription.status === 'CANCELLED') return { kind: 'cancelled' } as const;
    // Two recover calls of one subscription at once would both see the same events unqueued: the
    // second waits here, and its next statement (a new snapshot) sees the first one's replays.
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${subscription.id}, 0))`.execute(trx);
    const stopped = await selectStoppedDeliveries(trx, subscription.id, input.since, limit + 1);
    const picked = stopped.slice(0, limit);
    const queued = await insertReplayDeliveries(trx, picked);
    return {
      kind: 'queued',
      queued: queued.length,
      hasMore: stopped.length > limit,
      eventIds: queued.map((d) => d.event_id),
    } as const;
  });
}

/**
 * Ids of the subscription's original deliveries made at or after `since` that stopped (FAILED or
 * CANCELLED) and whose event has no replay PENDING or DELIVERED, oldest first, at most `limit`.
 */
async function selectStoppedDeliveries(
  trx: Transaction<Database>,
  subscriptionId: string,
  since: Date | string,
  limit: number,
): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT d.id::text FROM webhook_deliveries d
    WHERE d.subscription_id = ${subscriptionId} AND NOT d.replay
      AND d.state IN ('FAILED', 'CANCELLED') AND d.created_at >= ${since}::timestamptz
      AND NOT EXISTS (
        SELECT 1 FROM webhook_deliveries r
        WHERE r.event_id = d.event_id AND r.subscription_id = d.subscription_id AND r.replay
          AND r.state IN ('PENDING', 'DELIVERED'))
    ORDER BY d.id
    LIMIT ${limit}`.execute(trx);
  return rows.rows.map((r) => r.id);
}
