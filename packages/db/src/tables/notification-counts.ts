import type { Selectable } from 'kysely';
import type { Int8 } from './customers.js';

/** A customer's notification counts, kept by triggers on notifications (migration 0006). Read-only. */
export interface NotificationCountsTable {
  customer_id: Int8;
  total: Int8;
  unseen: Int8;
}
export type NotificationCountsRow = Selectable<NotificationCountsTable>;
