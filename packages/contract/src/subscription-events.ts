import { WEBHOOK_SUBSCRIPTION_CANCELLED, WEBHOOK_SUBSCRIPTION_FAILING } from '@wallet/domain';
import { z } from 'zod';

/**
 * The operational callbacks WebhookSubscription.FAILING and .CANCELLED: the same body members as
 * Account.UPDATE, another payload. The examples are signed with EXAMPLE_WEBHOOK_SECRET at
 * EXAMPLE_WEBHOOK_TIMESTAMP, literals on purpose (checked in webhook-callbacks.test.ts).
 */
export const EXAMPLE_SUBSCRIPTION_FAILING_BODY =
  '{"source":"PL","eventId":"EVT1358250","eventName":"WebhookSubscription.FAILING","payload":{"subscriptionId":"3f1c2b9e-7d4a-4e8b-9a51-2c6d0e8f4b17","url":"https://hooks.example.com/wallet","reason":"3 delivery attempts in a row failed; last: HTTP 503","consecutiveFailures":3,"eventId":"EVT1358242","attempt":3,"statusCode":503,"error":null,"occurredAt":"2023-11-06T10:29:45.120Z"},"signature":"c9812b273b13d698d2b8437be86a7d8b9631a04d19e579bbaf829500a55b88b6"}';
export const EXAMPLE_SUBSCRIPTION_FAILING_HEADERS = {
  'webhook-id': 'EVT1358250',
  'webhook-timestamp': '1699265385',
  'webhook-signature': 'v1,y+isdJzCwV3X6vd9IpImKhPY23pQJR5OruWuOKz1QZ8=',
} as const;
export const EXAMPLE_SUBSCRIPTION_CANCELLED_BODY =
  '{"source":"PL","eventId":"EVT1358311","eventName":"WebhookSubscription.CANCELLED","payload":{"subscriptionId":"3f1c2b9e-7d4a-4e8b-9a51-2c6d0e8f4b17","url":"https://hooks.example.com/wallet","reason":"delivery of EVT1358242 failed 8 time(s); last: HTTP 503","consecutiveFailures":8,"eventId":"EVT1358242","attempt":8,"statusCode":503,"error":null,"occurredAt":"2023-11-07T15:42:10.004Z"},"signature":"63e16983374d5e37ee408e80afe600329a92aba8766758e274ecaa90db29ad53"}';
export const EXAMPLE_SUBSCRIPTION_CANCELLED_HEADERS = {
  'webhook-id': 'EVT1358311',
  'webhook-timestamp': '1699265385',
  'webhook-signature': 'v1,OhTilIvJb5Tdrh4tKQj0NgzIBfLkeawHkTJIisuGPXU=',
} as const;

export const SubscriptionEventPayload = z
  .object({
    subscriptionId: z.uuid().meta({ description: 'The subscription the event is about' }),
    url: z.string().meta({ format: 'uri', description: 'Its endpoint' }),
    reason: z.string().meta({
      description:
        'FAILING: how many attempts failed in a row and how the last did; CANCELLED: the subscription’s `cancelReason`',
    }),
    consecutiveFailures: z
      .number()
      .int()
      .meta({ description: 'Failed attempts in a row of the subscription, since its last delivered one' }),
    eventId: z
      .string()
      .meta({ description: 'The event whose delivery attempt caused this one', example: 'EVT1358242' }),
    attempt: z.number().int().meta({ description: 'That delivery’s attempt number (1 is the first)' }),
    statusCode: z.number().int().nullable().meta({ description: 'Its answer’s status; null when none came' }),
    error: z
      .string()
      .nullable()
      .meta({ description: 'Timeout or connection error; null when an answer came' }),
    occurredAt: z.string().meta({ format: 'date-time', description: 'When it was recorded (RFC 3339, UTC)' }),
  })
  .meta({ id: 'SubscriptionEventPayload', description: 'Members in this order' });

const body = (eventName: string, id: string) =>
  z
    .object({
      source: z.literal('PL'),
      eventId: z.string().meta({
        pattern: '^EVT\\d{1,19}$',
        description: 'Same on every attempt of one event (equals `webhook-id`): de-duplicate on it',
      }),
      eventName: z.literal(eventName),
      payload: SubscriptionEventPayload,
      signature: z.string().meta({
        pattern: '^[0-9a-f]{64}$',
        description: 'As on Account.UPDATE: hex HMAC-SHA256 of the raw body without this last member',
      }),
    })
    .meta({ id, description: 'The callback body: exactly these members in this order' });

export const SubscriptionFailingEvent = body(WEBHOOK_SUBSCRIPTION_FAILING, 'SubscriptionFailingEvent');
export const SubscriptionCancelledEvent = body(WEBHOOK_SUBSCRIPTION_CANCELLED, 'SubscriptionCancelledEvent');
