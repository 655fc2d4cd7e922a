import type { Database, NotificationRow } from '@wallet/db';
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
 * A page and the count of matches, or undefined when userId is not a customer of the tenant: one
 * statement, the customer check (with the count) left-joined to the page, so one round trip and no
 * rows at all for another tenant's customer. Ties of a time are broken by id in the same direction,
 * so that one index serves the order both ways.
 */
export async function listNotifications(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  query: ListNotificationsQuery,
): Promise<{ rows: NotificationRow[]; total: number; next?: string } | undefined> {
  const { orderBy, after, limit, offset } = query;
  const filter = query.filter ?? {};
  const direction = orderBy.direction;
  let page = db
    .selectFrom('notifications')
    .selectAll()
    .where((eb) => matches(eb, userId, filter))
    .orderBy(COLUMNS[orderBy.field], direction);
  if (orderBy.field !== 'id') page = page.orderBy('id', direction);
  if (after) page = page.where((eb) => afterCursor(eb, after));
  const scope = db
    .selectFrom('customers')
    .leftJoin('notification_counts as counts', 'counts.customer_id', 'customers.id')
    .select((eb) => countOf(eb, userId, filter).as('total'))
    .where('customers.id', '=', userId)
    .where('customers.tenant_id', '=', tenantId);
  let joined = db
    .selectFrom(scope.as('scope'))
    .leftJoin(page.limit(limit).offset(offset).as('n'), (join) => join.onTrue())
    .selectAll('n')
    .select('scope.total')
    // The page's order, again: a join does not promise to keep a subquery's.
    .orderBy(`n.${COLUMNS[orderBy.field]}`, direction);
  if (orderBy.field !== 'id') joined = joined.orderBy('n.id', direction);
  const result = await joined.execute();
  const first = result[0];
  if (!first) return undefined;
  const rows = result.filter((r) => r.id !== null).map(({ total: _, ...row }) => row as NotificationRow);
  const last = rows.length === limit ? rows.at(-1) : undefined;
  return { rows, total: Number(first.total), ...(last && { next: cursorOf(orderBy, last) }) };
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

function cursorOf(order: NotificationOrder, row: NotificationRow): string {
  const key =
    order.field === 'id'
      ? Number(row.id)
      : (order.field === 'createdAt' ? row.created_at : row.updated_at).getTime();
  return encodeNotificationCursor({ ...order, key, id: row.id });
}
