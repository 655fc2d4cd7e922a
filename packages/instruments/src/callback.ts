import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { z } from 'zod';

/** The bank's status update for one request, the body of `POST /v2/issuer-callbacks/{issuer}`. */
export const issuerCallbackBody = z.strictObject({
  /** Our request id, as sent in the request's `reference`. */
  reference: z.string().regex(/^[1-9]\d{0,18}$/, { message: 'must be the reference of a request' }),
  status: z.enum(['ACCEPTED', 'COMPLETED', 'REJECTED', 'FAILED']),
  reason: z.string().min(1).max(255).optional(),
  /** With COMPLETED: IBAN and BIC, sort code and account number, or routing and account number. */
  identifiers: z.record(z.string(), z.string().max(64)).optional(),
});
export type IssuerCallbackBody = z.output<typeof issuerCallbackBody>;

export type CallbackRefusal = 'unsigned' | 'stale' | 'bad_signature' | 'malformed';

export class CallbackVerificationError extends Error {
  override readonly name = 'CallbackVerificationError';
  constructor(
    readonly refusal: CallbackRefusal,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a callback exactly as received with the `standardwebhooks` library: the three headers are
 * present, `webhook-timestamp` is within five minutes of now (an old message replayed later is
 * stale), and `webhook-signature` is the issuer's secret's HMAC of id, timestamp and body. Returns
 * the event id (`webhook-id`), on which the caller is idempotent.
 */
export function verifyIssuerCallback(
  secret: string,
  rawBody: string,
  headers: Record<string, string | undefined>,
): { eventId: string; body: unknown } {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (!id || !timestamp || !signature) {
    throw new CallbackVerificationError(
      'unsigned',
      'missing webhook-id, webhook-timestamp or webhook-signature',
    );
  }
  try {
    const body = new Webhook(secret).verify(rawBody, {
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': signature,
    });
    return { eventId: id, body };
  } catch (err) {
    // The library parses the body once the signature holds: a signed body that is not JSON.
    if (err instanceof SyntaxError) throw new CallbackVerificationError('malformed', 'body is not JSON');
    if (err instanceof WebhookVerificationError && /timestamp/i.test(err.message)) {
      throw new CallbackVerificationError('stale', err.message);
    }
    throw new CallbackVerificationError('bad_signature', (err as Error).message);
  }
}
