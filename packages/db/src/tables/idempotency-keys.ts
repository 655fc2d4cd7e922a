import type { ColumnType } from 'kysely';

/** An Idempotency-Key of a tenant: the request it was first used for and, once answered, the answer. */
export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  /** SHA-256 of the method, the path and the body. */
  fingerprint: string;
  /** Null while the first request with the key is running. */
  status: number | null;
  response_body: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
}
