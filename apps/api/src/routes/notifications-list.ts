import type { Database } from '@wallet/db';
import { NOTIFICATION_STATES } from '@wallet/domain';
import {
  encodeNotificationCursor,
  type ListNotificationsQuery,
  type NotificationCursor,
  type NotificationFilter,
  type NotificationOrder,
} from '@wallet/validation';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';

type Eb = ExpressionBuilder<Database, 'notifications'>;

const COLUMNS = { createdAt: 'created_at', updatedAt: 'updated_at', id: 'id' } as const;

/** userId and the filter: fields AND, a field's values OR (one value as `=`, which a partial index can prove). */
function matches(eb: Eb, userId: string, filter: NotificationFilter) {
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
function afterCursor(eb: Eb, cursor: NotificationCursor) {
  const op = sql.raw(cursor.direction === 'desc' ? '<' : '>');
  if (cursor.field === 'id') return eb('id', cursor.direction === 'desc' ? '<' : '>', cursor.id);
  const column = sql.ref(COLUMNS[cursor.field]);
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
function renderedPage(order: NotificationOrder) {
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
export async function listNotifications(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  query: ListNotificationsQuery,
): Promise<{ body: string; total: number; next?: string } | undefined> {
  const { orderBy, after, limit, offset } = query;
  const filter = query.filter ?? {};
  const direction = orderBy.direction;
  let rows = db
    .selectFrom('notifications')
    .selectAll()
    .where((eb) => matches(eb, userId, filter))
    .orderBy(COLUMNS[orderBy.field], direction);
  if (orderBy.field !== 'id') rows = rows.orderBy('id', direction);
  if (after) rows = rows.where((eb) => afterCursor(eb, after));
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
    ...(full && {
      next: encodeNotificationCursor({
        ...orderBy,
        key: Number(found.last_key),
        id: found.last_id as string,
      }),
    }),
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
  filter: NotificationFilter,
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
