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

/**
 * The key ids of `samples` (one stored secret per key id in use) that this box cannot open: a key id
 * it was not given, or another key under that id. An app checks at start-up that it holds the keys
 * the stored secrets need.
 */
export function undecryptableKeyIds(
  box: SecretBox,
  samples: readonly { subscriptionId: string; sealed: SealedSecret }[],
): string[] {
  const failed = new Set<string>();
  for (const { subscriptionId, sealed } of samples) {
    try {
      box.open(sealed, subscriptionSecretContext(subscriptionId));
    } catch {
      failed.add(sealed.keyId);
    }
  }
  return [...failed].sort();
}
