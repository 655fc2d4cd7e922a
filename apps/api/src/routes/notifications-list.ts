import type { Database, NotificationRow } from '@wallet/db';
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
 * A page and the count of matches, or undefined when userId is not a customer of the tenant. The page
 * and the customer check (with the count) run side by side; the page is dropped unless the check passes.
 * Ties of a time are broken by id in the same direction, so that one index serves the order both ways.
 */
export async function listNotifications(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  query: ListNotificationsQuery,
): Promise<{ rows: NotificationRow[]; total: number; next?: string } | undefined> {
  const { orderBy, after, limit, offset } = query;
  const filter = query.filter ?? {};
  let page = db
    .selectFrom('notifications')
    .selectAll()
    .where((eb) => matches(eb, userId, filter))
    .orderBy(COLUMNS[orderBy.field], orderBy.direction);
  if (orderBy.field !== 'id') page = page.orderBy('id', orderBy.direction);
  if (after) page = page.where((eb) => afterCursor(eb, after));
  const [rows, counted] = await Promise.all([
    page.limit(limit).offset(offset).execute(),
    db
      .selectFrom('customers')
      .select((eb) =>
        eb
          .selectFrom('notifications')
          .select((inner) => inner.fn.countAll<string>().as('n'))
          .where((inner) => matches(inner as unknown as Eb, userId, filter))
          .as('total'),
      )
      .where('id', '=', userId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst(),
  ]);
  if (!counted) return undefined;
  const last = rows.length === limit ? rows.at(-1) : undefined;
  return { rows, total: Number(counted.total), ...(last && { next: cursorOf(orderBy, last) }) };
}

function cursorOf(order: NotificationOrder, row: NotificationRow): string {
  const key =
    order.field === 'id'
      ? Number(row.id)
      : (order.field === 'createdAt' ? row.created_at : row.updated_at).getTime();
  return encodeNotificationCursor({ ...order, key, id: row.id });
}
