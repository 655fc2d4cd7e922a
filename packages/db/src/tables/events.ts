import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { GeneratedInt8 } from './customers.js';

/**
 * The event log (migration 0013): one row per event of any type, written in the transaction that
 * caused it, and the outbox the webhook fan-out reads. `payload` is what subscribers receive.
 * Events of one `ordering_key` are delivered to each subscription in `id` order.
 */
export interface EventsTable {
  id: GeneratedInt8;
  event_id: string;
  tenant_id: string;
  event_type: string;
  subject_type: string;
  subject_id: string;
  ordering_key: string;
  payload: ColumnType<Record<string, unknown>, string, never>;
  /** Account.UPDATE only (null otherwise): the account and the status change it reports. */
  account_id: ColumnType<
    string | null,
    string | number | bigint | null | undefined,
    string | number | bigint | null
  >;
  previous_status: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<string | null, string | null | undefined, string | null>;
  cause: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type EventRow = Selectable<EventsTable>;
export type NewEvent = Insertable<EventsTable>;
