import type { Database } from '@wallet/db';
import { type Kysely, sql } from 'kysely';

/** How long a key's answer is kept for replay. */
const RETENTION = sql`interval '24 hours'`;
/** A first request that never stored its answer (a crashed process) frees its key after this. */
const ABANDONED = sql`interval '1 minute'`;

/**
 * Claims the key for this request: true when it was free (new, past 24 h, or abandoned), in one
 * atomic upsert, so that of two concurrent requests with the same key exactly one runs.
 */
export async function claimKey(
  db: Kysely<Database>,
  tenantId: string,
  key: string,
  fingerprint: string,
): Promise<boolean> {
  const result = await sql<{ claimed: number }>`
    INSERT INTO idempotency_keys AS k (tenant_id, key, fingerprint) VALUES (${tenantId}, ${key}, ${fingerprint})
    ON CONFLICT (tenant_id, key) DO UPDATE
      SET fingerprint = EXCLUDED.fingerprint, status = NULL, response_body = NULL, created_at = now()
      WHERE k.created_at < now() - ${RETENTION}
         OR (k.status IS NULL AND k.created_at < now() - ${ABANDONED})
    RETURNING 1 AS claimed`.execute(db);
  return result.rows.length === 1;
}

export async function findKey(db: Kysely<Database>, tenantId: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'status', 'response_body'])
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function storeAnswer(
  db: Kysely<Database>,
  tenantId: string,
  key: string,
  answer: { status: number; body: string },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status: answer.status, response_body: answer.body })
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .execute();
}

/** Frees the key after a failure (5xx), so that a retry runs again. */
export async function releaseKey(db: Kysely<Database>, tenantId: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('tenant_id', '=', tenantId).where('key', '=', key).execute();
}
