import { timingSafeEqual } from 'node:crypto';
import { EVENT_TYPES } from '@wallet/domain';
import { ACCOUNT_UPDATE, type AccountUpdateBody, EVENT_SOURCE, type WebhookBody } from './event.js';
import { secretKey } from './secret.js';
import { bodySignature, standardSignature } from './signature.js';

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

export interface VerifyOptions {
  /** How far `webhook-timestamp` may be from now, in seconds; default 300 (as Standard Webhooks). */
  toleranceSeconds?: number;
  now?: Date;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string {
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) throw new WebhookVerificationError(`missing ${name} header`);
  return text;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const SIGNATURE_MEMBER = /,"signature":"([0-9a-f]{64})"}$/;

/**
 * For subscribers: checks an Account.UPDATE callback (see verifyWebhook) and that it is one.
 */
export function verifyAccountUpdate(
  secret: string | readonly string[],
  rawBody: string | Buffer,
  headers: HeaderSource,
  options: VerifyOptions = {},
): AccountUpdateBody {
  const parsed = verifyWebhook(secret, rawBody, headers, options);
  if (parsed.eventName !== ACCOUNT_UPDATE) {
    throw new WebhookVerificationError('not an Account.UPDATE body for this webhook-id');
  }
  return parsed as AccountUpdateBody;
}

/**
 * For subscribers: checks a callback of any event type exactly as received (the raw body, not a
 * re-serialised one) and returns its parsed body. Both signatures must hold: the Standard Webhooks
 * `webhook-signature` over id, timestamp and body, and the body's own `signature` over the body
 * without that member. Throws WebhookVerificationError otherwise.
 *
 * During a secret rotation's grace period pass both secrets, `[newSecret, oldSecret]`: each signature
 * then holds if it matches either (the header carries both, the body `signature` the old one until
 * the grace ends), so the switch loses no delivery.
 */
export function verifyWebhook(
  secret: string | readonly string[],
  rawBody: string | Buffer,
  headers: HeaderSource,
  options: VerifyOptions = {},
): WebhookBody {
  const keys = (typeof secret === 'string' ? [secret] : secret).map(secretKey);
  if (keys.length === 0) throw new WebhookVerificationError('no secret to verify with');
  const body = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
  const id = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const timestamp = Number(timestampText);
  if (!/^\d{1,12}$/.test(timestampText)) throw new WebhookVerificationError('invalid webhook-timestamp');
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError('webhook-timestamp is outside the tolerance');
  }
  const expected = keys.map((key) => standardSignature(key, id, timestamp, body));
  const offered = header(headers, 'webhook-signature').split(' ');
  if (!offered.some((candidate) => expected.some((mine) => sameText(candidate, mine)))) {
    throw new WebhookVerificationError('webhook-signature does not match');
  }
  const member = SIGNATURE_MEMBER.exec(body);
  if (!member?.[1]) throw new WebhookVerificationError('body has no trailing signature member');
  const unsigned = `${body.slice(0, member.index)}}`;
  const signature = member[1];
  if (!keys.some((key) => sameText(signature, bodySignature(key, unsigned)))) {
    throw new WebhookVerificationError('body signature does not match');
  }
  const parsed = JSON.parse(body) as WebhookBody;
  const known = (EVENT_TYPES as readonly string[]).includes(parsed.eventName);
  if (parsed.source !== EVENT_SOURCE || !known || parsed.eventId !== id) {
    throw new WebhookVerificationError('not a callback body for this webhook-id');
  }
  return parsed;
}
