import type { ColumnType, Generated, Selectable } from 'kysely';
import type { GeneratedInt8, Int8 } from './customers.js';

/** Every status change of a virtual instrument request, with who made it (worker, callback, close). */
export interface VirtualAssignmentTransitionsTable {
  id: GeneratedInt8;
  assignment_id: Int8;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  source: string;
  created_at: ColumnType<Date, never, never>;
}
export type VirtualAssignmentTransitionRow = Selectable<VirtualAssignmentTransitionsTable>;

/** One row per configured identifier range: the next number to try and the last one granted. */
export interface InstrumentRangeCountersTable {
  range_key: string;
  next_value: Int8;
  last_value: Int8;
  updated_at: Generated<Date>;
}

/** A bank's callback, kept by its event id so that a redelivery changes nothing. */
export interface IssuerCallbackEventsTable {
  issuer: string;
  event_id: string;
  assignment_id: Int8 | null;
  outcome: ColumnType<unknown, string, string>;
  received_at: ColumnType<Date, never, never>;
}
