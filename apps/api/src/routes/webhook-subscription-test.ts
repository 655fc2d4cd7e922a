import { HttpSender, signedTestBody, standardWebhookHeaders, testEventId } from '@wallet/webhooks';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { signingKeysOf } from '../webhook-secrets/stored-secrets.js';
import { ownSubscription } from './webhook-subscription-lookup.js';

const USER_AGENT = 'wallet-webhooks/1.0';

/**
 * `POST /v2/webhook-subscriptions/{id}/test`: signs a test event (seed 001's example account,
 * `"test":true`, an `EVT0...` id) for the subscription and sends it once, now, from the API process,
 * answering with the attempt's outcome. Nothing is stored: the subscription's deliveries, their order
 * and retry state, and its status are untouched, whatever the answer (a failed test is not retried and
 * never cancels). The sender is the dispatcher's, so the SSRF guard (addresses and ports, checked in the
 * socket's own lookup), the deadline and the "200 only" rule are the same as for real deliveries, and
 * so is the signing (both secrets during a rotation's grace period, see signingKeys).
 */
export function registerWebhookSubscriptionTest(app: Hono<AppEnv>): void {
  app.post('/v2/webhook-subscriptions/:subscriptionId/test', async (c) => {
    const subscription = await ownSubscription(c);
    const { webhooks } = c.get('services');
    const keys = signingKeysOf(webhooks.secretBox, subscription);
    const eventId = testEventId();
    const body = signedTestBody(keys.body, eventId);
    const attemptedAt = new Date();
    const headers = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      ...standardWebhookHeaders(keys.header, eventId, Math.floor(attemptedAt.getTime() / 1000), body),
    };
    // A sender of its own (no keep-alive pool left behind in the API process), closed once answered.
    const sender = new HttpSender({
      timeoutMs: webhooks.timeoutMs,
      allowPrivateNetworks: webhooks.allowPrivateNetworks,
    });
    try {
      const result = await sender.post(subscription.url, headers, body);
      return c.json({
        eventId,
        delivered: result.statusCode === 200,
        attemptedAt: attemptedAt.toISOString(),
        durationMs: result.durationMs,
        statusCode: result.statusCode ?? null,
        error: result.error ?? null,
        responseBody: result.bodyPrefix ?? null,
      });
    } finally {
      sender.close();
    }
  });
}
