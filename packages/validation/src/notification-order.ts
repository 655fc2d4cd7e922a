/** Fields `orderBy` accepts, and the directions. */
export const NOTIFICATION_ORDER_FIELDS = ['createdAt', 'updatedAt', 'id'] as const;
export type NotificationOrderField = (typeof NOTIFICATION_ORDER_FIELDS)[number];
export type OrderDirection = 'asc' | 'desc';

export interface NotificationOrder {
  field: NotificationOrderField;
  direction: OrderDirection;
}
export const DEFAULT_NOTIFICATION_ORDER: NotificationOrder = { field: 'createdAt', direction: 'desc' };

/** `field[:asc|desc]`, direction desc when left out. Returns the problem's text when not valid. */
export function parseNotificationOrder(text: string): NotificationOrder | string {
  const [field, direction = 'desc', ...rest] = text.split(':');
  if (!NOTIFICATION_ORDER_FIELDS.includes(field as NotificationOrderField) || rest.length > 0) {
    return `must be field:direction with field one of ${NOTIFICATION_ORDER_FIELDS.join(', ')}`;
  }
  if (direction !== 'asc' && direction !== 'desc') return 'direction must be asc or desc';
  return { field: field as NotificationOrderField, direction };
}

/**
 * A keyset position: the last row of a page, in the order it was listed by. `key` is the order
 * field's value (epoch milliseconds for the times, the id for id); `id` breaks ties.
 */
export interface NotificationCursor extends NotificationOrder {
  key: number;
  id: string;
}

const MAX_EPOCH_MS = 8.64e15;
/** Ids are bigint: a cursor naming a larger one could not have come from a row (and PostgreSQL would refuse it). */
const MAX_BIGINT = 9_223_372_036_854_775_807n;
const CURSOR = /^n1:(createdAt|updatedAt|id):(asc|desc):(\d{1,16}):([1-9]\d{0,18})$/;

/** Opaque to clients: they pass back what `X-Next-Cursor` gave them. */
export function encodeNotificationCursor(cursor: NotificationCursor): string {
  const { field, direction, key, id } = cursor;
  return Buffer.from(`n1:${field}:${direction}:${key}:${id}`).toString('base64url');
}

export function decodeNotificationCursor(text: string): NotificationCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,120}$/.test(text)) return undefined;
  const match = CURSOR.exec(Buffer.from(text, 'base64url').toString('latin1'));
  if (!match) return undefined;
  const [, field, direction, key, id] = match as unknown as [
    string,
    NotificationOrderField,
    OrderDirection,
    string,
    string,
  ];
  // Beyond JavaScript's last date the key could not have come from a row.
  if (Number(key) > MAX_EPOCH_MS || BigInt(id) > MAX_BIGINT) return undefined;
  return { field, direction, key: Number(key), id };
}
