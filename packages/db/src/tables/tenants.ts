import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export interface TenantsTable {
  id: Generated<string>;
  name: string;
  /** SHA-256 of the API key; the key itself is shown once and never stored. */
  api_key_hash: string;
  created_at: ColumnType<Date, never, never>;
}
export type TenantRow = Selectable<TenantsTable>;
export type NewTenant = Insertable<TenantsTable>;
