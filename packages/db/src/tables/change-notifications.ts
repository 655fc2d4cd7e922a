import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Int8 } from './customers.js';

/** A partner's report of a change made outside the wallet (seed 000). */
export interface ChangeNotificationsTable {
  id: Generated<string>;
  tenant_id: string;
  customer_id: Int8;
  change_type: string;
  /** Inserted as RFC 3339 text, so that PostgreSQL keeps the sender's microseconds. */
  change_time: ColumnType<Date, string, never>;
  idempotency_key: string | null;
  created_at: ColumnType<Date, never, never>;
  /** Set by the compliance worker once the notification's restriction work has committed. */
  processed_at: ColumnType<Date | null, never, Date | null>;
}
export type ChangeNotificationRow = Selectable<ChangeNotificationsTable>;
export type NewChangeNotification = Insertable<ChangeNotificationsTable>;
