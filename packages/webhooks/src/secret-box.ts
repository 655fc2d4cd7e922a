import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A secret as stored: AES-256-GCM ciphertext (base64 of iv ‖ ciphertext ‖ tag) and the id of its key. */
export interface SealedSecret {
  ciphertext: string;
  keyId: string;
}

/** The keys secrets are encrypted with, by id, and the one new secrets are encrypted with. */
export interface SecretKeyring {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** A secret that cannot be opened: unknown key id, wrong key, or a ciphertext that was altered. */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;

/**
 * Parses `id:base64key,id:base64key` (each key 32 bytes). The current key, which new secrets are
 * encrypted with, is `currentKeyId` or else the first listed; the others only decrypt, so a key can be
 * replaced without re-encrypting: list the new one first and keep the old one until no row uses it.
 * Messages name ids only, never key material.
 */
export function parseSecretKeys(list: string, currentKeyId?: string): SecretKeyring {
  const keys = new Map<string, Buffer>();
  for (const entry of list.split(',').map((s) => s.trim())) {
    if (!entry) continue;
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (!KEY_ID.test(id)) {
      throw new Error('each key is `id:base64`, the id 1 to 32 of A-Z a-z 0-9 _ . -');
    }
    const encoded = entry.slice(colon + 1);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
      throw new Error(`key ${id} is not base64 of ${KEY_BYTES} bytes`);
    }
    if (keys.has(id)) throw new Error(`key id ${id} is listed twice`);
    keys.set(id, key);
  }
  const first = keys.keys().next();
  if (first.done) throw new Error('no key listed');
  const current = currentKeyId ?? first.value;
  if (!keys.has(current)) throw new Error(`the current key id ${current} is not among the listed keys`);
  return { currentKeyId: current, keys };
}

/** A new key list entry, `id:base64` of 32 random bytes (what the stack generates for development). */
export function generateSecretKeyEntry(id: string): string {
  if (!KEY_ID.test(id)) throw new Error('a key id is 1 to 32 of A-Z a-z 0-9 _ . -');
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

/**
 * Encrypts and decrypts secrets at rest with AES-256-GCM. Each secret is bound to what it belongs to
 * (`context`, e.g. the subscription id, as additional authenticated data), so a ciphertext copied onto
 * another row does not open there.
 */
export interface SecretBoxOptions {
  /**
   * Opened secrets kept in memory, least recently used dropped first (0, the default: none). A
   * dispatcher opens the same few secrets for every delivery, and an open costs ~50 µs (a decipher
   * per call); the keys that open them are in this process anyway, so a cache exposes nothing more.
   */
  cacheEntries?: number;
}

export class SecretBox {
  readonly #keyring: SecretKeyring;
  readonly #cacheEntries: number;
  readonly #opened = new Map<string, string>();

  constructor(keyring: SecretKeyring, options: SecretBoxOptions = {}) {
    this.#keyring = keyring;
    this.#cacheEntries = options.cacheEntries ?? 0;
  }

  get currentKeyId(): string {
    return this.#keyring.currentKeyId;
  }

  hasKey(keyId: string): boolean {
    return this.#keyring.keys.has(keyId);
  }

  seal(plaintext: string, context: string): SealedSecret {
    const keyId = this.#keyring.currentKeyId;
    const key = this.#keyring.keys.get(keyId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId, ciphertext: Buffer.concat([iv, encrypted, cipher.getAuthTag()]).toString('base64') };
  }

  open(sealed: SealedSecret, context: string): string {
    if (this.#cacheEntries === 0) return this.#decrypt(sealed, context);
    // The ciphertext holds its random IV, so it names one sealing; the key id and context make a hit
    // mean exactly what a decryption would have checked.
    const cacheKey = `${sealed.keyId}\n${context}\n${sealed.ciphertext}`;
    const hit = this.#opened.get(cacheKey);
    if (hit !== undefined) {
      this.#opened.delete(cacheKey);
      this.#opened.set(cacheKey, hit);
      return hit;
    }
    const plain = this.#decrypt(sealed, context);
    this.#opened.set(cacheKey, plain);
    if (this.#opened.size > this.#cacheEntries) {
      this.#opened.delete(this.#opened.keys().next().value as string);
    }
    return plain;
  }

  #decrypt(sealed: SealedSecret, context: string): string {
    const key = this.#keyring.keys.get(sealed.keyId);
    if (!key) throw new SecretBoxError(`no key with id ${sealed.keyId} is configured`);
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    if (bytes.length <= IV_BYTES + TAG_BYTES) throw new SecretBoxError('ciphertext is too short');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    } catch {
      // GCM's tag check failed: another key under this id, another context, or altered bytes.
      throw new SecretBoxError(`secret does not decrypt with key ${sealed.keyId} (wrong key or altered)`);
    }
  }
}

/**
 * The key apps use without WEBHOOK_SECRET_KEYS outside production (NODE_ENV=production refuses to
 * start without one). It is public, so it protects nothing: it only lets an app run alone in
 * development and read what another app wrote. `pnpm start` generates a random key instead.
 */
export const DEVELOPMENT_SECRET_KEYS = `development:${createHash('sha256')
  .update('wallet development webhook secret key')
  .digest('base64')}`;

/**
 * The keyring an app runs with: `keys` (WEBHOOK_SECRET_KEYS) parsed; unset, the development key
 * outside production and an error in production. Errors name key ids only.
 */
export function resolveSecretKeyring(
  keys: string | undefined,
  currentKeyId: string | undefined,
  production: boolean,
): SecretKeyring {
  if (!keys && production) {
    throw new Error('is required when NODE_ENV=production (id:base64 of a 32-byte key, see the README)');
  }
  return parseSecretKeys(keys || DEVELOPMENT_SECRET_KEYS, currentKeyId);
}
