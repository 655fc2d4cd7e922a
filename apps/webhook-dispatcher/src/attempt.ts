import type { HttpResult, HttpSender } from '@wallet/webhooks';
import {
  openSigningKeys,
  parseRetryAfter,
  type RetryPolicy,
  retryDelayMs,
  type SecretBox,
  signedBody,
  standardWebhookHeaders,
} from '@wallet/webhooks';
import type { DeliveryHead } from './claim.js';

/** One attempt as recorded in webhook_delivery_attempts. */
interface AttemptRecord {
  attempt: number;
  attemptedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
}

export type AttemptOutcome =
  | { kind: 'delivered'; record: AttemptRecord }
  | { kind: 'retry'; record: AttemptRecord; nextAttemptAt: Date }
  | { kind: 'exhausted'; record: AttemptRecord; reason: string };

const USER_AGENT = 'wallet-webhooks/1.0';

function describe(result: HttpResult): string {
  return result.statusCode !== undefined ? `HTTP ${result.statusCode}` : (result.error ?? 'no response');
}

/** What one attempt's result means: only 200 delivers; 410 and the last allowed attempt cancel. */
function classify(
  head: DeliveryHead,
  result: HttpResult,
  record: AttemptRecord,
  policy: RetryPolicy,
): AttemptOutcome {
  if (result.statusCode === 200) return { kind: 'delivered', record };
  if (result.statusCode === 410)
    return { kind: 'exhausted', record, reason: 'the endpoint answered 410 Gone' };
  if (record.attempt >= head.maxAttempts) {
    return {
      kind: 'exhausted',
      record,
      reason: `delivery of ${head.eventId} failed ${record.attempt} time(s); last: ${describe(result)}`,
    };
  }
  // The wait starts when the attempt ended (a timeout took its whole deadline).
  const ended = record.attemptedAt.getTime() + record.durationMs;
  const retryAfter = parseRetryAfter(result.retryAfter, new Date(ended));
  const waitMs = retryDelayMs(record.attempt, policy, retryAfter);
  return { kind: 'retry', record, nextAttemptAt: new Date(ended + waitMs) };
}

/**
 * Signs the head's event for its subscription, sends it once, and classifies the answer. During a
 * secret rotation's grace period it is signed with both secrets (see signingKeys). A secret this
 * process cannot decrypt (a key it was not given) throws before anything is sent: no attempt is
 * spent, and the delivery is claimed again when its lease ends.
 */
export async function attemptDelivery(
  head: DeliveryHead,
  sender: HttpSender,
  policy: RetryPolicy,
  secretBox: SecretBox,
): Promise<AttemptOutcome> {
  const keys = openSigningKeys(secretBox, head.secrets);
  const body = signedBody(keys.body, head.eventId, head.payload, head.eventType);
  const attemptedAt = new Date();
  const headers = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    ...standardWebhookHeaders(keys.header, head.eventId, Math.floor(attemptedAt.getTime() / 1000), body),
  };
  const result = await sender.post(head.url, headers, body);
  const record: AttemptRecord = {
    attempt: head.attemptCount + 1,
    attemptedAt,
    durationMs: result.durationMs,
    statusCode: result.statusCode ?? null,
    error: result.error ?? null,
    responseBody: result.bodyPrefix ?? null,
  };
  return classify(head, result, record, policy);
}
