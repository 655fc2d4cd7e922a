import type { Database } from '@wallet/db';
import type { SecretBox } from '@wallet/webhooks';
import type { Kysely } from 'kysely';
import { sealedSecretColumns } from './stored-secrets.js';

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
