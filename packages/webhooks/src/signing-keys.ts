import { secretKey } from './secret.js';
import type { SealedSecret, SecretBox } from './secret-box.js';

/** A subscription's secrets as its row stores them, read for signing. */
export interface StoredSigningSecrets {
  subscriptionId: string;
  /** A secret written before encryption at rest that the API's start-up sweep has not encrypted yet. */
  plaintext: string | null;
  current: SealedSecret | null;
  /** The secret before the last rotation, given only while its grace period runs (the reader checks). */
  previous: SealedSecret | null;
}

/** The keys one delivery is signed with. */
export interface SigningKeys {
  /** `webhook-signature` carries one signature per key: the current secret's first. */
  header: Buffer[];
  /** The body's own `signature` member (seed 001) holds one signature only. */
  body: Buffer;
}

/** What a subscription's secrets are bound to when encrypted (see SecretBox). */
export function subscriptionSecretContext(subscriptionId: string): string {
  return `webhook-subscription:${subscriptionId}`;
}

/**
 * The signing rule of a rotation's grace period: the header is signed with the new and the old
 * secret, so a subscriber verifying it (standardwebhooks) passes with either. The body `signature`
 * has room for one, and keeps the OLD secret until the grace ends: a subscriber that checks it still
 * holds only the old secret right after the rotation, and one that holds both (verifyAccountUpdate
 * with a list) passes throughout; with the new secret there, every subscriber checking the body would
 * fail from the rotation until its deploy. Outside a grace period both use the one secret.
 */
export function signingKeys(current: string, previous?: string): SigningKeys {
  const now = secretKey(current);
  if (previous === undefined) return { header: [now], body: now };
  const before = secretKey(previous);
  return { header: [now, before], body: before };
}

/** Opens a subscription's stored secrets (SecretBoxError if they do not open) into its signing keys. */
export function openSigningKeys(box: SecretBox, stored: StoredSigningSecrets): SigningKeys {
  const context = subscriptionSecretContext(stored.subscriptionId);
  const current = stored.current ? box.open(stored.current, context) : stored.plaintext;
  if (current === null) throw new Error(`subscription ${stored.subscriptionId} has no secret`);
  const previous = stored.previous ? box.open(stored.previous, context) : undefined;
  return signingKeys(current, previous);
}

/** The keys an app was given cannot open stored secrets: a configuration error (exit 78). */
export class SecretKeysMismatchError extends Error {
  override name = 'SecretKeysMismatchError';
}

/**
 * Throws SecretKeysMismatchError naming the key ids of `samples` (one stored secret per key id in
 * use) that this box cannot open: a key id it was not given, or another key under that id. Each app
 * checks at start-up that it holds the keys the stored secrets need. Never names key material.
 */
export function assertSecretsOpen(
  box: SecretBox,
  samples: readonly { subscriptionId: string; sealed: SealedSecret }[],
): void {
  const failed = new Set<string>();
  for (const { subscriptionId, sealed } of samples) {
    try {
      box.open(sealed, subscriptionSecretContext(subscriptionId));
    } catch {
      failed.add(sealed.keyId);
    }
  }
  if (failed.size > 0) {
    throw new SecretKeysMismatchError(
      `WEBHOOK_SECRET_KEYS cannot decrypt the webhook secrets stored with key id(s) ${[...failed].sort().join(', ')}: give this app the keys they were encrypted with (the same as the API's)`,
    );
  }
}
