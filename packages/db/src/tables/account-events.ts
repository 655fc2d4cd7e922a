import type { ColumnType, Selectable } from 'kysely';
import type { GeneratedInt8, Int8 } from './customers.js';

/**
 * The view `account_events` (migration 0013): the Account.UPDATE rows of `events` in the shape the
 * table had before the event log. For reading; events are written to `events`.
 */
export interface AccountEventsTable {
  id: GeneratedInt8;
  event_id: string;
  tenant_id: string;
  account_id: Int8;
  previous_status: string;
  status: string;
  payload: ColumnType<Record<string, unknown>, never, never>;
  cause: string;
  created_at: ColumnType<Date, never, never>;
}
export type AccountEventRow = Selectable<AccountEventsTable>;
