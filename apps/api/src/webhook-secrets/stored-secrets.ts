import type { WebhookSubscriptionRow } from '@wallet/db';
import {
  openSigningKeys,
  type SealedSecret,
  type SecretBox,
  type SigningKeys,
  subscriptionSecretContext,
} from '@wallet/webhooks';

/** The columns that store a subscription's (current) secret, encrypted for that subscription. */
export function sealedSecretColumns(box: SecretBox, subscriptionId: string, secret: string) {
  const sealed = box.seal(secret, subscriptionSecretContext(subscriptionId));
  return { secret: null, secret_ciphertext: sealed.ciphertext, secret_key_id: sealed.keyId };
}

type SecretColumns = Pick<
  WebhookSubscriptionRow,
  | 'id'
  | 'secret'
  | 'secret_ciphertext'
  | 'secret_key_id'
  | 'previous_secret_ciphertext'
  | 'previous_secret_key_id'
  | 'previous_secret_expires_at'
>;

function sealed(ciphertext: string | null, keyId: string | null): SealedSecret | null {
  return ciphertext !== null && keyId !== null ? { ciphertext, keyId } : null;
}

/** The current secret of a row in plain text (a row from before encryption may still hold it so). */
export function currentSecret(box: SecretBox, row: SecretColumns): string {
  const current = sealed(row.secret_ciphertext, row.secret_key_id);
  if (current) return box.open(current, subscriptionSecretContext(row.id));
  if (row.secret === null) throw new Error(`subscription ${row.id} has no secret`);
  return row.secret;
}

/** What the row signs with at `now`: the previous secret too while its grace period runs. */
export function signingKeysOf(box: SecretBox, row: SecretColumns, now = new Date()): SigningKeys {
  const inGrace = row.previous_secret_expires_at !== null && row.previous_secret_expires_at > now;
  return openSigningKeys(box, {
    subscriptionId: row.id,
    plaintext: row.secret,
    current: sealed(row.secret_ciphertext, row.secret_key_id),
    previous: inGrace ? sealed(row.previous_secret_ciphertext, row.previous_secret_key_id) : null,
  });
}
