import { createHmac } from 'node:crypto';
import { ACCOUNT_UPDATE, EVENT_SOURCE, orderPayload } from './event.js';
import { secretKey } from './secret.js';

/**
 * The exact bytes the body's `signature` covers: the body without that member, i.e.
 * `JSON.stringify({source, eventId, eventName, payload})` in this key order, payload in its type's
 * order (seed 001's for Account.UPDATE). Every event type has this one shape.
 */
export function unsignedBody(
  eventId: string,
  payload: Record<string, unknown>,
  eventName: string = ACCOUNT_UPDATE,
): string {
  return JSON.stringify({
    source: EVENT_SOURCE,
    eventId,
    eventName,
    payload: orderPayload(payload, eventName),
  });
}

/** Lowercase hex HMAC-SHA256 of `unsigned` with the secret's key. */
export function bodySignature(key: Buffer, unsigned: string): string {
  return createHmac('sha256', key).update(unsigned, 'utf8').digest('hex');
}

/**
 * The body as sent: the unsigned JSON with `"signature":"<hex>"` appended as its last member, which
 * is the same text as `JSON.stringify({source, eventId, eventName, payload, signature})`.
 */
export function signedBody(
  secret: string | Buffer,
  eventId: string,
  payload: Record<string, unknown>,
  eventName: string = ACCOUNT_UPDATE,
): string {
  const key = typeof secret === 'string' ? secretKey(secret) : secret;
  const unsigned = unsignedBody(eventId, payload, eventName);
  return `${unsigned.slice(0, -1)},"signature":"${bodySignature(key, unsigned)}"}`;
}

// A type alias (not an interface) so that it is assignable to plain header records.
export type StandardWebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** `v1,` + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` (the Standard Webhooks scheme). */
export function standardSignature(key: Buffer, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/**
 * The three Standard Webhooks headers of one attempt; `timestamp` is in Unix seconds. With several
 * keys (a rotation's grace period) `webhook-signature` lists one signature per key, space-separated,
 * as the Standard Webhooks scheme allows: a verifier passes if any of them matches its secret.
 */
export function standardWebhookHeaders(
  secret: string | Buffer | readonly Buffer[],
  id: string,
  timestamp: number,
  body: string,
): StandardWebhookHeaders {
  const keys = typeof secret === 'string' ? [secretKey(secret)] : Buffer.isBuffer(secret) ? [secret] : secret;
  if (keys.length === 0) throw new Error('at least one signing key is needed');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': keys.map((key) => standardSignature(key, id, timestamp, body)).join(' '),
  };
}
