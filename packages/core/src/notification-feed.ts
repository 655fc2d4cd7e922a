import type { Database } from '@wallet/db';
import {
  NOTIFICATION_STATES,
  type NotificationMessageType,
  type NotificationState,
  type NotificationType,
} from '@wallet/domain';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';

/** Each present field holds one or more accepted values; fields combine with AND. */
export interface NotificationFeedFilter {
  state?: readonly NotificationState[] | undefined;
  type?: readonly NotificationType[] | undefined;
  messageType?: readonly NotificationMessageType[] | undefined;
}

/** The feed's order: a time or the id, ties of a time broken by id in the same direction. */
export interface NotificationFeedOrder {
  field: 'createdAt' | 'updatedAt' | 'id';
  direction: 'asc' | 'desc';
}

/**
 * The last row of a page in its order: `key` is the order field's value (epoch milliseconds for
 * the times, the id for id), `id` breaks ties. The API encodes it as the opaque `X-Next-Cursor`.
 */
export interface NotificationFeedPosition {
  key: number;
  id: string;
}

/** One page of seed 002's feed, as the route read it from the request (the parsing is the API's). */
export interface NotificationFeedRequest {
  tenantId: string;
  userId: string;
  filter?: NotificationFeedFilter | undefined;
  orderBy: NotificationFeedOrder;
  /** Rows strictly after this position in `orderBy` (keyset); not combined with an offset. */
  after?: NotificationFeedPosition | undefined;
  limit: number;
  offset: number;
}

export interface NotificationFeedPage {
  /** The page as seed 002's JSON array, ready to send. */
  body: string;
  total: number;
  /** The page's last row when the page is full (a next page may follow). */
  last?: NotificationFeedPosition;
}

type Eb = ExpressionBuilder<Database, 'notifications'>;

const COLUMNS = { createdAt: 'created_at', updatedAt: 'updated_at', id: 'id' } as const;

/** userId and the filter: fields AND, a field's values OR (one value as `=`, which a partial index can prove). */
function matches(eb: Eb, userId: string, filter: NotificationFeedFilter) {
  // Qualified: the count runs inside a query on customers, which has a `type` of its own.
  const conditions = [eb('notifications.customer_id', '=', userId)];
  const fields = [
    ['notifications.state', filter.state],
    ['notifications.type', filter.type],
    ['notifications.message_type', filter.messageType],
  ] as const;
  for (const [column, values] of fields) {
    if (values === undefined) continue;
    conditions.push(values.length === 1 ? eb(column, '=', values[0] as string) : eb(column, 'in', values));
  }
  return eb.and(conditions);
}

/** Rows strictly after the cursor in its order: a row comparison on (field, id), as the index holds them. */
function afterCursor(eb: Eb, order: NotificationFeedOrder, cursor: NotificationFeedPosition) {
  const op = sql.raw(order.direction === 'desc' ? '<' : '>');
  if (order.field === 'id') return eb('id', order.direction === 'desc' ? '<' : '>', cursor.id);
  const column = sql.ref(COLUMNS[order.field]);
  return sql<boolean>`(${column}, id) ${op} (${new Date(cursor.key)}, ${cursor.id})`;
}

/**
 * Epoch milliseconds of a time column of the page, exactly as the presenter's `Date#getTime()` gives
 * them (sub-millisecond digits dropped, also before 1970). Built from whole seconds and the
 * microseconds field, which are whole numbers: up to PostgreSQL 13 `extract` returns a float, and
 * `floor(extract(epoch …) * 1000)` was one millisecond low for some times.
 */
const epochMs = (column: 'created_at' | 'updated_at') => {
  const ref = sql`p.${sql.ref(column)}`;
  return sql<string>`(extract(epoch FROM date_trunc('second', ${ref}))::int8 * 1000
    + extract(microseconds FROM ${ref})::int8 / 1000 % 1000)`;
};

/**
 * The page as seed 002's JSON array, rendered by PostgreSQL: byte for byte what
 * `JSON.stringify(rows.map(presentNotification))` writes (the same fields in the same order, link
 * left out when null, no spaces; to_json escapes the strings), so that a page of a hundred rows
 * costs the API one string instead of a thousand parsed fields and two hundred Dates. The
 * notifications tests check that both renderings agree.
 */
function renderedPage(order: NotificationFeedOrder) {
  const by = sql.raw(
    order.field === 'id'
      ? `p.id ${order.direction}`
      : `p.${COLUMNS[order.field]} ${order.direction}, p.id ${order.direction}`,
  );
  const key = order.field === 'id' ? sql<string>`p.id` : epochMs(COLUMNS[order.field]);
  const item = sql`'{"createdAt":' || ${epochMs('created_at')} || ',"id":' || p.id
    || CASE WHEN p.link IS NULL THEN '' ELSE ',"link":' || to_json(p.link)::text END
    || ',"messageType":' || to_json(p.message_type)::text || ',"state":' || to_json(p.state)::text
    || ',"type":' || to_json(p.type)::text || ',"updatedAt":' || ${epochMs('updated_at')}
    || ',"userId":' || p.customer_id || '}'`;
  return {
    body: sql<string>`'[' || COALESCE(string_agg(${item}, ',' ORDER BY ${by}), '') || ']'`,
    size: sql<string>`count(*)`,
    lastKey: sql<string | null>`(array_agg(${key} ORDER BY ${by}))[count(*)]`,
    lastId: sql<string | null>`(array_agg(p.id ORDER BY ${by}))[count(*)]`,
  };
}

/**
 * A page (as JSON text) and the count of matches, or undefined when userId is not a customer of the
 * tenant: one statement, the customer check (with the count) joined to the rendered page, so one
 * round trip and no rows at all for another tenant's customer. Ties of a time are broken by id in
 * the same direction, so that one index serves the order both ways.
 */
export async function listNotificationFeed(
  db: Kysely<Database>,
  request: NotificationFeedRequest,
): Promise<NotificationFeedPage | undefined> {
  const { tenantId, userId, orderBy, after, limit, offset } = request;
  const filter = request.filter ?? {};
  const direction = orderBy.direction;
  let rows = db
    .selectFrom('notifications')
    .selectAll()
    .where((eb) => matches(eb, userId, filter))
    .orderBy(COLUMNS[orderBy.field], direction);
  if (orderBy.field !== 'id') rows = rows.orderBy('id', direction);
  if (after) rows = rows.where((eb) => afterCursor(eb, orderBy, after));
  // Past an offset, the page's ids first and then its rows by primary key (a deferred join): the
  // rows skipped are read from the index alone (index-only scans), not fetched from the table. A
  // first page is read directly, which costs fewer page reads than going through the primary key.
  const page =
    offset === 0
      ? rows.limit(limit).as('p')
      : db
          .selectFrom(rows.clearSelect().select('notifications.id').limit(limit).offset(offset).as('k'))
          .innerJoin('notifications', 'notifications.id', 'k.id')
          .selectAll('notifications')
          .as('p');
  const rendered = renderedPage(orderBy);
  const scope = db
    .selectFrom('customers')
    .leftJoin('notification_counts as counts', 'counts.customer_id', 'customers.id')
    .select((eb) => countOf(eb, userId, filter).as('total'))
    .where('customers.id', '=', userId)
    .where('customers.tenant_id', '=', tenantId);
  const found = await db
    .selectFrom(scope.as('scope'))
    .innerJoin(
      db
        .selectFrom(page)
        .select([
          rendered.body.as('body'),
          rendered.size.as('size'),
          rendered.lastKey.as('last_key'),
          rendered.lastId.as('last_id'),
        ])
        .as('r'),
      (join) => join.onTrue(),
    )
    .select(['scope.total', 'r.body', 'r.size', 'r.last_key', 'r.last_id'])
    .executeTakeFirst();
  if (!found) return undefined;
  const full = Number(found.size) === limit && found.last_key !== null && found.last_id !== null;
  return {
    body: found.body,
    total: Number(found.total),
    ...(full && { last: { key: Number(found.last_key), id: found.last_id as string } }),
  };
}

/**
 * The number of matches. A filter on state alone (or none) reads the customer's counters, kept by
 * triggers (migration 0006): one row, however long the feed. A filter on type or messageType counts
 * the matching rows.
 */
function countOf(
  eb: ExpressionBuilder<Database & { counts: Database['notification_counts'] }, 'customers' | 'counts'>,
  userId: string,
  filter: NotificationFeedFilter,
) {
  if (filter.type === undefined && filter.messageType === undefined) {
    const states = new Set(filter.state ?? NOTIFICATION_STATES);
    if (states.has('SEEN') && states.has('UNSEEN')) return sql<string>`COALESCE(counts.total, 0)`;
    if (states.has('UNSEEN')) return sql<string>`COALESCE(counts.unseen, 0)`;
    return sql<string>`COALESCE(counts.total - counts.unseen, 0)`;
  }
  return eb
    .selectFrom('notifications')
    .select((inner) => inner.fn.countAll<string>().as('n'))
    .where((inner) => matches(inner as unknown as Eb, userId, filter));
}
