import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

/** int8 columns come back from pg as strings, which keeps them exact. */
export type Int8 = ColumnType<string, string | number | bigint, string | number | bigint>;
/** A generated int8 id: optional on insert, never updated. */
/** An int8 with a database default: optional on insert, updatable. */
export type DefaultedInt8 = ColumnType<
  string,
  string | number | bigint | undefined,
  string | number | bigint
>;
export type GeneratedInt8 = ColumnType<string, string | number | bigint | undefined, never>;

export interface CustomersTable {
  id: GeneratedInt8;
  tenant_id: string;
  external_id: string;
  type: string;
  email: string;
  mobile: string | null;
  registration_ip: string;
  registration_date: Date | null;
  /** The partner profile stored by `PATCH /accounts/{externalId}` (seed 003). */
  profile: ColumnType<unknown | null, string | null, string | null>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}
export type CustomerRow = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
