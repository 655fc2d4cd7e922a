import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export interface TenantsTable {
  id: Generated<string>;
  name: string;
  /**
   * SHA-256 of the tenant's first API key. Kept for compatibility only: authentication reads
   * `api_keys`, and a hash written here at insert becomes a key row (migration 0011).
   */
  api_key_hash: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: ColumnType<Date, never, never>;
}
export type TenantRow = Selectable<TenantsTable>;
export type NewTenant = Insertable<TenantsTable>;
