import type { Database } from '@wallet/db';
import { assertSecretsOpen, type SecretBox } from '@wallet/webhooks';
import { type Kysely, sql } from 'kysely';
import { sealedSecretColumns } from './stored-secrets.js';

/**
 * Refuses to run with keys that cannot open the stored secrets (SecretKeysMismatchError): one stored
 * secret per key id in use is opened, so a key id missing from WEBHOOK_SECRET_KEYS, or another key
 * under a known id, stops the start before anything is encrypted with the wrong keyring.
 */
export async function assertStoredSecretsOpen(db: Kysely<Database>, box: SecretBox): Promise<void> {
  const samples = await sql<{ id: string; ciphertext: string; key_id: string }>`
    SELECT DISTINCT ON (key_id) id::text, ciphertext, key_id FROM (
      SELECT id, secret_ciphertext AS ciphertext, secret_key_id AS key_id FROM webhook_subscriptions
      WHERE secret_ciphertext IS NOT NULL
      UNION ALL
      SELECT id, previous_secret_ciphertext, previous_secret_key_id FROM webhook_subscriptions
      WHERE previous_secret_expires_at > now()
    ) sealed ORDER BY key_id`.execute(db);
  assertSecretsOpen(
    box,
    samples.rows.map((row) => ({
      subscriptionId: row.id,
      sealed: { ciphertext: row.ciphertext, keyId: row.key_id },
    })),
  );
}

/**
 * Encrypts the secrets still stored in plain text (rows from before migration 0015, or written by a
 * replica of the previous release during a rolling deploy) with the current key, and nulls the
 * plain text, in one transaction. Rows another API process is encrypting right now are skipped (it
 * does them). Returns how many it encrypted.
 */
export async function encryptPlaintextSecrets(db: Kysely<Database>, box: SecretBox): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('webhook_subscriptions')
      .select(['id', 'secret'])
      .where('secret', 'is not', null)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const row of rows) {
      if (row.secret === null) continue;
      await trx
        .updateTable('webhook_subscriptions')
        .set(sealedSecretColumns(box, row.id, row.secret))
        .where('id', '=', row.id)
        .execute();
    }
    return rows.length;
  });
}
