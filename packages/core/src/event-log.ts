import type { Database, EventRow } from '@wallet/db';
import type { EventSubjectType, EventType } from '@wallet/domain';
import { fromKysely, QUEUES } from '@wallet/jobs';
import { type Kysely, sql } from 'kysely';
import type { WriteContext } from './context.js';

/** An event to record: what the fan-out delivers to every subscription that names its type. */
export interface NewLogEvent {
  tenantId: string;
  eventType: EventType;
  subjectType: EventSubjectType;
  subjectId: string;
  /** Events of one key reach each subscription in the order they were recorded. */
  orderingKey: string;
  payload: Record<string, unknown>;
  cause?: string;
}

/**
 * Records events in the event log and enqueues their fan-out jobs, all in the caller's transaction.
 * Account.UPDATE has its own writers (recordAccountUpdate, syncAccountStatusesOf), which also keep the
 * status the partner last heard of; this is for every other type. Returns the event ids, in order.
 */
export async function recordEvents(
  ctx: Pick<WriteContext, 'trx' | 'boss' | 'requestId'>,
  events: readonly NewLogEvent[],
): Promise<string[]> {
  if (events.length === 0) return [];
  const column = <T>(pick: (e: NewLogEvent) => T) => events.map(pick);
  // WITH ORDINALITY keeps the ids in the events' order: the sequence is drawn row by row as listed.
  const { rows } = await sql<{ event_id: string }>`
    INSERT INTO events (event_id, tenant_id, event_type, subject_type, subject_id, ordering_key, payload, cause)
    SELECT 'EVT' || nextval('account_event_number_seq'), v.tenant_id, v.event_type, v.subject_type,
      v.subject_id, v.ordering_key, v.payload, v.cause
    FROM unnest(${column((e) => e.tenantId)}::uuid[], ${column((e) => e.eventType)}::text[],
      ${column((e) => e.subjectType)}::text[], ${column((e) => e.subjectId)}::text[],
      ${column((e) => e.orderingKey)}::text[], ${column((e) => JSON.stringify(e.payload))}::jsonb[],
      ${column((e) => e.cause ?? null)}::text[])
      WITH ORDINALITY AS v (tenant_id, event_type, subject_type, subject_id, ordering_key, payload, cause, n)
    ORDER BY v.n
    RETURNING event_id`.execute(ctx.trx);
  const ids = rows.map((r) => r.event_id);
  await ctx.boss.insert(
    QUEUES.webhookFanout,
    ids.map((eventId) => ({ data: { eventId, requestId: ctx.requestId }, singletonKey: eventId })),
    { db: fromKysely(ctx.trx) },
  );
  return ids;
}

export interface EventListFilter {
  limit: number;
  /** The sort key (row id) of the last event of the previous page (from its cursor). */
  after?: readonly [string] | undefined;
  type?: string | undefined;
  /** Inclusive. */
  createdAfter?: Date | undefined;
  /** Exclusive. */
  createdBefore?: Date | undefined;
}

export interface EventPage {
  events: EventRow[];
  /** The sort key to continue after, when more events follow. */
  nextKey?: readonly [string];
}

/** A tenant's events, newest first (by log row id, which is the order they were recorded in). */
export async function listEvents(
  db: Kysely<Database>,
  tenantId: string,
  filter: EventListFilter,
): Promise<EventPage> {
  let query = db
    .selectFrom('events')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.after !== undefined) query = query.where('id', '<', filter.after[0]);
  if (filter.type !== undefined) query = query.where('event_type', '=', filter.type);
  if (filter.createdAfter) query = query.where('created_at', '>=', filter.createdAfter);
  if (filter.createdBefore) query = query.where('created_at', '<', filter.createdBefore);
  const rows = await query.execute();
  const events = rows.slice(0, filter.limit);
  const last = events.at(-1);
  return { events, ...(rows.length > filter.limit && last && { nextKey: [last.id] as const }) };
}

/** One delivery of an event: to which subscription, how far it got, and how its last attempt went. */
export interface EventDelivery {
  deliveryId: string;
  subscriptionId: string;
  url: string;
  replay: boolean;
  state: string;
  attemptCount: number;
  createdAt: Date;
  finishedAt: Date | null;
  lastAttempt: {
    attempt: number;
    attemptedAt: Date;
    statusCode: number | null;
    error: string | null;
  } | null;
}

interface DeliveryRow {
  id: string;
  subscription_id: string;
  url: string;
  replay: boolean;
  state: string;
  attempt_count: number;
  created_at: Date;
  finished_at: Date | null;
  attempt: number | null;
  attempted_at: Date | null;
  status_code: number | null;
  error: string | null;
}

/**
 * One of a tenant's events with its deliveries (one per subscription it went to, and any replays),
 * or undefined when the tenant has no such event.
 */
export async function findEvent(
  db: Kysely<Database>,
  tenantId: string,
  eventId: string,
): Promise<{ event: EventRow; deliveries: EventDelivery[] } | undefined> {
  const event = await db
    .selectFrom('events')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!event) return undefined;
  const { rows } = await sql<DeliveryRow>`
    SELECT d.id::text, d.subscription_id::text, s.url, d.replay, d.state, d.attempt_count, d.created_at,
      d.finished_at, a.attempt, a.attempted_at, a.status_code, a.error
    FROM webhook_deliveries d
    JOIN webhook_subscriptions s ON s.id = d.subscription_id
    LEFT JOIN LATERAL (
      SELECT attempt, attempted_at, status_code, error FROM webhook_delivery_attempts
      WHERE delivery_id = d.id ORDER BY id DESC LIMIT 1
    ) a ON true
    WHERE d.event_id = ${eventId} AND s.tenant_id = ${tenantId}
    ORDER BY d.id`.execute(db);
  return {
    event,
    deliveries: rows.map((r) => ({
      deliveryId: r.id,
      subscriptionId: r.subscription_id,
      url: r.url,
      replay: r.replay,
      state: r.state,
      attemptCount: r.attempt_count,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
      lastAttempt:
        r.attempt === null || r.attempted_at === null
          ? null
          : { attempt: r.attempt, attemptedAt: r.attempted_at, statusCode: r.status_code, error: r.error },
    })),
  };
}
