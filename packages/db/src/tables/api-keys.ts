import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A tenant's API keys; the key itself is shown once and only its SHA-256 is stored. */
export interface ApiKeysTable {
  id: Generated<string>;
  tenant_id: string;
  /** SHA-256 (hex) of the whole key. */
  key_hash: string;
  /** The key's first characters (`wk_` and 8 more), shown in lists; null for keys migrated from `tenants`. */
  prefix: string | null;
  label: string | null;
  created_at: ColumnType<Date, never, never>;
  last_used_at: ColumnType<Date | null, never, Date | null>;
  expires_at: Date | null;
  revoked_at: ColumnType<Date | null, never, Date | null>;
}
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type NewApiKey = Insertable<ApiKeysTable>;
