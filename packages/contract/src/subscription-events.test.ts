import { WEBHOOK_SUBSCRIPTION_CANCELLED, WEBHOOK_SUBSCRIPTION_FAILING } from '@wallet/domain';
import { signedBody, standardWebhookHeaders, verifyWebhook } from '@wallet/webhooks';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './document.js';
import {
  EXAMPLE_SUBSCRIPTION_CANCELLED_BODY,
  EXAMPLE_SUBSCRIPTION_CANCELLED_HEADERS,
  EXAMPLE_SUBSCRIPTION_FAILING_BODY,
  EXAMPLE_SUBSCRIPTION_FAILING_HEADERS,
  SubscriptionCancelledEvent,
  SubscriptionFailingEvent,
} from './subscription-events.js';
import { EXAMPLE_WEBHOOK_SECRET, EXAMPLE_WEBHOOK_TIMESTAMP } from './webhook-callbacks.js';

type Webhooks = Record<
  string,
  {
    post: {
      description: string;
      requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> };
      responses: Record<string, unknown>;
    };
  }
>;
const doc = buildOpenApiDocument() as unknown as { webhooks: Webhooks };

describe.each([
  {
    name: WEBHOOK_SUBSCRIPTION_FAILING,
    body: EXAMPLE_SUBSCRIPTION_FAILING_BODY,
    headers: EXAMPLE_SUBSCRIPTION_FAILING_HEADERS,
    schema: SubscriptionFailingEvent,
  },
  {
    name: WEBHOOK_SUBSCRIPTION_CANCELLED,
    body: EXAMPLE_SUBSCRIPTION_CANCELLED_BODY,
    headers: EXAMPLE_SUBSCRIPTION_CANCELLED_HEADERS,
    schema: SubscriptionCancelledEvent,
  },
])('the published $name callback', ({ name, body, headers, schema }) => {
  const callback = doc.webhooks[name]?.post;

  it('is in the webhooks section with its example body exactly as sent, valid against its schema', () => {
    expect(callback?.description).toContain('except the subscription the event is about');
    expect(Object.keys(callback?.responses ?? {}).sort()).toEqual(['200', 'default']);
    const value = callback?.requestBody.content['application/json']?.examples.signed?.value;
    expect(JSON.stringify(value)).toBe(body);
    expect(schema.safeParse(value).success).toBe(true);
  });

  it('has an example the product’s signer produces and both verifiers accept', () => {
    const parsed = JSON.parse(body) as { eventId: string; payload: Record<string, unknown> };
    expect(signedBody(EXAMPLE_WEBHOOK_SECRET, parsed.eventId, parsed.payload, name)).toBe(body);
    expect(
      standardWebhookHeaders(EXAMPLE_WEBHOOK_SECRET, parsed.eventId, EXAMPLE_WEBHOOK_TIMESTAMP, body),
    ).toEqual(headers);
    const now = new Date(EXAMPLE_WEBHOOK_TIMESTAMP * 1000);
    expect(verifyWebhook(EXAMPLE_WEBHOOK_SECRET, body, headers, { now }).eventName).toBe(name);
    const webhook = new Webhook(EXAMPLE_WEBHOOK_SECRET);
    const verify = () => webhook.verify(body, { ...headers });
    const realNow = Date.now;
    Date.now = () => now.getTime();
    try {
      expect(verify()).toMatchObject({ eventName: name });
      expect(() => webhook.verify(body.replace('"attempt":', '"attempt": '), { ...headers })).toThrow();
    } finally {
      Date.now = realNow;
    }
  });
});
