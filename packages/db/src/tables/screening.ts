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
  /** Every match of the screening (`ScreeningMatch[]`), for the reviewer. */
  matches: ColumnType<unknown, string | undefined, never>;
  /** The lists the screening ran on, e.g. `SL:8976:1a2b3c4d5e6f;BL:3:...`. */
  list_version: string | null;
  review_outcome: 'CONFIRMED_HIT' | 'FALSE_POSITIVE' | null;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
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

/** Append-only record of compliance decisions: review outcomes and restrictions lifted with a reason. */
export interface ComplianceAuditLogTable {
  id: ColumnType<string, never, never>;
  tenant_id: string;
  customer_id: Int8;
  screening_id: ColumnType<string | null, string | number | bigint | null, never>;
  restriction_id: string | null;
  /** `SCREENING_CONFIRMED_HIT`, `SCREENING_FALSE_POSITIVE`, `RESTRICTION_LIFTED`. */
  action: string;
  actor: string;
  reason: string;
  request_id: string | null;
  created_at: ColumnType<Date, never, never>;
}
export type ComplianceAuditLogRow = Selectable<ComplianceAuditLogTable>;

/** Per tenant: the black list's version (bumped by every change) and its entry count. */
export interface BlackListVersionsTable {
  tenant_id: string;
  version: ColumnType<string, string | number | undefined, string | number>;
  entries: ColumnType<number, number | undefined, number>;
}
