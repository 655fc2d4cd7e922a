import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Development WEBHOOK_SECRET_KEYS that survive restarts: one random AES-256 key (id `local`) in a
 * git-ignored file readable by its owner only. The stack hands the same value to the API (which
 * encrypts webhook secrets with it) and the dispatcher (which decrypts them to sign); it is never
 * printed. Losing the file makes the stored secrets unreadable: rotate each subscription's secret.
 */
export function developmentSecretKeys(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const keys = `local:${randomBytes(32).toString('base64')}`;
  writeFileSync(file, `${keys}\n`, { mode: 0o600 });
  return keys;
}
