import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { GeneratedInt8, Int8 } from './customers.js';

/**
 * The outbox of Account.UPDATE: one row per account status change, written in the
 * transaction that caused it. `payload` is the seed 001 payload as it was at that moment.
 */
export interface AccountEventsTable {
  id: GeneratedInt8;
  event_id: string;
  tenant_id: string;
  account_id: Int8;
  previous_status: string;
  status: string;
  payload: ColumnType<Record<string, unknown>, string, never>;
  cause: string;
  created_at: ColumnType<Date, never, never>;
}
export type AccountEventRow = Selectable<AccountEventsTable>;
export type NewAccountEvent = Insertable<AccountEventsTable>;
