import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { GeneratedInt8, Int8 } from './customers.js';

/** One entry of a customer's notification feed (seed 002); times have millisecond precision. */
export interface NotificationsTable {
  id: GeneratedInt8;
  tenant_id: string;
  customer_id: Int8;
  message_type: string;
  type: string;
  state: ColumnType<string, string | undefined, string>;
  link: string | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}
export type NotificationRow = Selectable<NotificationsTable>;
export type NewNotification = Insertable<NotificationsTable>;
