import type { Database } from '@wallet/db';
import { assertSecretsOpen, type SecretBox } from '@wallet/webhooks';
import { type Kysely, sql } from 'kysely';

/**
 * Refuses to run with keys that cannot open the stored secrets (SecretKeysMismatchError): one stored
 * secret per key id in use is opened, so a key id missing from WEBHOOK_SECRET_KEYS, or another key
 * under a known id, stops the start of the API or the dispatcher (which must be given the API's keys)
 * before anything is encrypted or signed with the wrong keyring.
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
