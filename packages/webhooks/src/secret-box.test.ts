import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateSecret } from './secret.js';
import {
  DEVELOPMENT_SECRET_KEYS,
  generateSecretKeyEntry,
  parseSecretKeys,
  SecretBox,
  SecretBoxError,
} from './secret-box.js';
import { signedBody, standardWebhookHeaders } from './signature.js';
import {
  assertSecretsOpen,
  openSigningKeys,
  SecretKeysMismatchError,
  signingKeys,
  subscriptionSecretContext,
} from './signing-keys.js';
import { verifyAccountUpdate, WebhookVerificationError } from './verify.js';

const box = (list: string, current?: string) => new SecretBox(parseSecretKeys(list, current));

/** The message `fn` throws; fails the test when it throws nothing. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('SecretBox', () => {
  const k1 = generateSecretKeyEntry('k1');
  const k2 = generateSecretKeyEntry('k2');

  it('round-trips a secret; the ciphertext holds no trace of it and differs each time', () => {
    const secret = generateSecret();
    const one = box(k1);
    const sealed = one.seal(secret, 'ctx');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.ciphertext).not.toContain(secret.slice(6));
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('latin1')).not.toContain(secret);
    expect(one.open(sealed, 'ctx')).toBe(secret);
    expect(one.seal(secret, 'ctx').ciphertext).not.toBe(sealed.ciphertext);
  });

  it('detects tampering: any altered byte, a truncated ciphertext, another context', () => {
    const one = box(k1);
    const sealed = one.seal(generateSecret(), 'subscription-a');
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    for (const at of [0, 12, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[at] = (altered[at] as number) ^ 1;
      expect(() => one.open({ ...sealed, ciphertext: altered.toString('base64') }, 'subscription-a')).toThrow(
        SecretBoxError,
      );
    }
    expect(() => one.open({ ...sealed, ciphertext: bytes.subarray(0, 20).toString('base64') }, 'x')).toThrow(
      SecretBoxError,
    );
    expect(() => one.open(sealed, 'subscription-b')).toThrow(SecretBoxError);
  });

  it('refuses an unknown key id, and another key under the same id', () => {
    const sealed = box(k1).seal(generateSecret(), 'ctx');
    expect(() => box(k2).open(sealed, 'ctx')).toThrow(/no key with id k1/);
    const impostor = generateSecretKeyEntry('k1');
    expect(() => box(impostor).open(sealed, 'ctx')).toThrow(/does not decrypt with key k1/);
  });

  it('rotates keys: new writes use the current key, old rows still open with theirs', () => {
    const secret = generateSecret();
    const before = box(k1).seal(secret, 'ctx');
    const rotated = box(`${k2},${k1}`);
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.open(before, 'ctx')).toBe(secret);
    const after = rotated.seal(secret, 'ctx');
    expect(after.keyId).toBe('k2');
    expect(() => box(k1).open(after, 'ctx')).toThrow(SecretBoxError);
    // The current key can also be named instead of listed first.
    expect(box(`${k1},${k2}`, 'k2').seal(secret, 'ctx').keyId).toBe('k2');
  });

  it('with a cache: hits answer the same, altered ciphertexts and other contexts still fail, and stays right once entries are dropped', () => {
    const cached = new SecretBox(parseSecretKeys(k1), { cacheEntries: 2 });
    const [a, b, c] = [generateSecret(), generateSecret(), generateSecret()];
    const sealedA = cached.seal(a, 'ctx');
    expect(cached.open(sealedA, 'ctx')).toBe(a);
    expect(cached.open(sealedA, 'ctx')).toBe(a);
    expect(() => cached.open(sealedA, 'other')).toThrow(SecretBoxError);
    const bytes = Buffer.from(sealedA.ciphertext, 'base64');
    bytes[20] = (bytes[20] as number) ^ 1;
    expect(() => cached.open({ ...sealedA, ciphertext: bytes.toString('base64') }, 'ctx')).toThrow(
      SecretBoxError,
    );
    expect(() => cached.open({ ...sealedA, keyId: 'k9' }, 'ctx')).toThrow(/no key with id k9/);
    expect(cached.open(cached.seal(b, 'ctx'), 'ctx')).toBe(b);
    expect(cached.open(cached.seal(c, 'ctx'), 'ctx')).toBe(c);
    expect(cached.open(sealedA, 'ctx')).toBe(a);
  });

  it('parses key lists strictly, naming ids but never key material', () => {
    expect(() => parseSecretKeys('')).toThrow(/no key listed/);
    expect(() => parseSecretKeys('nocolon')).toThrow(/id:base64/);
    expect(() => parseSecretKeys(`k1:${Buffer.alloc(16).toString('base64')}`)).toThrow(
      /k1 is not base64 of 32/,
    );
    expect(() => parseSecretKeys(`${k1},${k1}`)).toThrow(/listed twice/);
    expect(() => parseSecretKeys(k1, 'k9')).toThrow(/k9 is not among/);
    const secretPart = k1.slice(3);
    const message = messageOf(() => parseSecretKeys(`${k1},bad id:${secretPart}`));
    expect(message).toMatch(/id:base64/);
    expect(message).not.toContain(secretPart);
    expect(parseSecretKeys(DEVELOPMENT_SECRET_KEYS).currentKeyId).toBe('development');
  });
});

describe('signing during a rotation', () => {
  const now = Math.floor(Date.now() / 1000);

  it('header carries both signatures: standardwebhooks verifies with the new and with the old secret', () => {
    const [oldSecret, newSecret, other] = [generateSecret(), generateSecret(), generateSecret()];
    const keys = signingKeys(newSecret, oldSecret);
    const body = signedBody(keys.body, 'EVT1', { id: '1', status: 'BLOCKED' });
    const headers = standardWebhookHeaders(keys.header, 'EVT1', now, body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    expect(new Webhook(newSecret).verify(body, headers)).toMatchObject({ eventId: 'EVT1' });
    expect(new Webhook(oldSecret).verify(body, headers)).toMatchObject({ eventId: 'EVT1' });
    expect(() => new Webhook(other).verify(body, headers)).toThrow();
    // The body signature keeps the old secret until the grace ends; a verifier given both passes.
    expect(verifyAccountUpdate(oldSecret, body, headers).eventId).toBe('EVT1');
    expect(verifyAccountUpdate([newSecret, oldSecret], body, headers).eventId).toBe('EVT1');
    expect(() => verifyAccountUpdate(newSecret, body, headers)).toThrow(/body signature/);
    expect(() => verifyAccountUpdate([other], body, headers)).toThrow(WebhookVerificationError);
  });

  it('outside a grace period: one signature, with the one secret', () => {
    const secret = generateSecret();
    const keys = signingKeys(secret);
    const body = signedBody(keys.body, 'EVT2', { id: '2' });
    const headers = standardWebhookHeaders(keys.header, 'EVT2', now, body);
    expect(headers['webhook-signature']).not.toContain(' ');
    expect(verifyAccountUpdate(secret, body, headers).eventId).toBe('EVT2');
  });

  it('opens stored secrets: encrypted current and previous, or a plaintext one from before encryption', () => {
    const sealing = box(generateSecretKeyEntry('k1'));
    const [oldSecret, newSecret] = [generateSecret(), generateSecret()];
    const context = subscriptionSecretContext('sub-1');
    const keys = openSigningKeys(sealing, {
      subscriptionId: 'sub-1',
      plaintext: null,
      current: sealing.seal(newSecret, context),
      previous: sealing.seal(oldSecret, context),
    });
    expect(keys).toEqual(signingKeys(newSecret, oldSecret));
    const legacy = openSigningKeys(sealing, {
      subscriptionId: 'sub-1',
      plaintext: oldSecret,
      current: null,
      previous: null,
    });
    expect(legacy).toEqual(signingKeys(oldSecret));
    // Copied onto another subscription's row, a sealed secret does not open.
    expect(() =>
      openSigningKeys(sealing, {
        subscriptionId: 'sub-2',
        plaintext: null,
        current: sealing.seal(newSecret, context),
        previous: null,
      }),
    ).toThrow(SecretBoxError);
  });
});

describe('assertSecretsOpen', () => {
  it('passes when every sample opens, and names the failing key ids (never key bytes) otherwise', () => {
    const k1 = generateSecretKeyEntry('k1');
    const k2 = generateSecretKeyEntry('k2');
    const one = box(k1);
    const two = box(k2);
    const sample = (b: SecretBox, id: string) => ({
      subscriptionId: id,
      sealed: b.seal(generateSecret(), subscriptionSecretContext(id)),
    });
    const samples = [sample(one, 'a'), sample(two, 'b')];
    expect(() => assertSecretsOpen(box(`${k1},${k2}`), samples)).not.toThrow();
    expect(() => assertSecretsOpen(one, samples)).toThrow(SecretKeysMismatchError);
    const message = messageOf(() => assertSecretsOpen(box(generateSecretKeyEntry('k2')), samples));
    expect(message).toMatch(/key id\(s\) k1, k2:/);
    expect(message).not.toContain(k2.slice(3));
  });
});
