import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { GeneratedInt8, Int8 } from './customers.js';

export interface AccountsTable {
  id: GeneratedInt8;
  tenant_id: string;
  customer_id: Int8;
  external_id: string | null;
  name: Generated<string>;
  number: string;
  currency_code: string;
  status: string;
  total_balance: GeneratedInt8;
  available_balance: GeneratedInt8;
  virtual_account_assignment: boolean;
  program: Generated<string>;
  account_level: Generated<string>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type AccountRow = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;

export interface VirtualAccountAssignmentsTable {
  id: GeneratedInt8;
  account_id: Int8;
  instrument_type: string;
  status: string;
  status_reason: string | null;
  request_date: ColumnType<Date, Date | undefined, never>;
  last_change_date: Date | null;
}
export type VirtualAccountAssignmentRow = Selectable<VirtualAccountAssignmentsTable>;
