import { type Kysely, sql } from 'kysely';

/**
 * Webhook secrets encrypted at rest, and secret rotation. A migration cannot know the encryption key
 * (it is configuration, WEBHOOK_SECRET_KEYS), so it only makes room: the plaintext `secret` becomes
 * nullable and is never written again; the API encrypts the rows that still hold one at start-up (in
 * one transaction per run, then nulls the plaintext) and the dispatcher signs with a plaintext secret
 * until then (rows written by a replica of the previous release during a rolling deploy too).
 *
 * `secret_key_id` names the key of `secret_ciphertext`, so the key itself can rotate: old rows keep
 * opening with their key id. The previous secret (and its key id) signs alongside the current one
 * until `previous_secret_expires_at` (a rotation's grace period). `rotation_idempotency_key` lets a
 * retried rotation with the same Idempotency-Key answer the same secret instead of rotating again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE webhook_subscriptions
      ALTER COLUMN secret DROP NOT NULL,
      ADD COLUMN secret_ciphertext text,
      ADD COLUMN secret_key_id text,
      ADD COLUMN previous_secret_ciphertext text,
      ADD COLUMN previous_secret_key_id text,
      ADD COLUMN previous_secret_expires_at timestamptz,
      ADD COLUMN secret_rotated_at timestamptz,
      ADD COLUMN rotation_idempotency_key text,
      ADD CONSTRAINT webhook_subscriptions_secret_present
        CHECK (secret IS NOT NULL OR (secret_ciphertext IS NOT NULL AND secret_key_id IS NOT NULL)),
      ADD CONSTRAINT webhook_subscriptions_previous_secret_whole
        CHECK ((previous_secret_ciphertext IS NULL) = (previous_secret_key_id IS NULL)
          AND (previous_secret_ciphertext IS NULL) = (previous_secret_expires_at IS NULL));
  `.execute(db);
}
