import { Webhook } from 'standardwebhooks';
import type { CallbackIssuerConfig } from './config.js';
import type { IssuerAnswer, IssuerPort } from './port.js';

/** A bank that does not answer within this is treated as down (a retryable failure). */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * A partner bank that issues through its own API and answers later: the request is POSTed to the
 * bank, signed with Standard Webhooks headers (`webhook-id` is our request id, which the bank
 * quotes back as `reference`). A 2xx means the bank took it (ACCEPTED; the outcome arrives at
 * `POST /v2/issuer-callbacks/{issuer}`), a 4xx that it refused it (REJECTED), anything else, or no
 * answer, a fault worth retrying (FAILED once the retries are spent).
 */
export function createCallbackIssuer(config: CallbackIssuerConfig): IssuerPort {
  const signer = new Webhook(config.secret);
  return {
    name: config.issuer,
    async request(instrument, account, customer): Promise<IssuerAnswer> {
      const body = JSON.stringify({
        reference: instrument.id,
        instrumentType: instrument.instrumentType,
        account: { id: account.id, currencyCode: account.currencyCode },
        customer: { id: customer.id, externalId: customer.externalId },
      });
      const now = new Date();
      let res: Response;
      try {
        res = await fetch(config.requestUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': instrument.id,
            'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
            'webhook-signature': signer.sign(instrument.id, now, body),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (err) {
        return {
          kind: 'failed',
          retryable: true,
          reason: `Issuer ${config.issuer} unreachable: ${(err as Error).message}`,
        };
      }
      const text = (await res.text().catch(() => '')).slice(0, 200);
      if (res.ok)
        return { kind: 'accepted', reference: instrument.id, reason: `Accepted by ${config.issuer}` };
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
        return {
          kind: 'rejected',
          reason: `Request has been denied by the issuing bank (HTTP ${res.status}${text ? `: ${text}` : ''})`,
        };
      }
      return {
        kind: 'failed',
        retryable: true,
        reason: `Issuer ${config.issuer} answered HTTP ${res.status}`,
      };
    },
  };
}
