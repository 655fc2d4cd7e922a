import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { GeneratedInt8, Int8 } from './customers.js';

export interface ScreeningRecordsTable {
  id: GeneratedInt8;
  tenant_id: string;
  customer_id: Int8;
  query: ColumnType<unknown, string, never>;
  traffic_light: string;
  hit_type: string | null;
  manual_review: boolean;
  details: ColumnType<unknown, string, never>;
  created_at: ColumnType<Date, never, never>;
}
export type ScreeningRecordRow = Selectable<ScreeningRecordsTable>;
export type NewScreeningRecord = Insertable<ScreeningRecordsTable>;

export interface BlackListEntriesTable {
  id: Generated<string>;
  tenant_id: string;
  /** `PERSON` or `COMPANY`. */
  subject: string;
  name: string;
  /** YYYY-MM-DD; pg's date type is returned as a string by this project's pool settings. */
  birthdate: ColumnType<string | null, string | null, never>;
  created_at: ColumnType<Date, never, never>;
}
export type BlackListEntryRow = Selectable<BlackListEntriesTable>;
