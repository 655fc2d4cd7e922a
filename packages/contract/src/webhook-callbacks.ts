import { ACCOUNT_UPDATE } from '@wallet/domain';
import { z } from 'zod';

/**
 * The Account.UPDATE callback (seed 001) as the published contract describes it: body, headers, and
 * one worked example whose two signatures verify against EXAMPLE_WEBHOOK_SECRET. The example values
 * are literals on purpose: `webhook-callbacks.test.ts` recomputes them with the product's signer and
 * checks them with the `standardwebhooks` library, so a change of either scheme fails there.
 */
export const EXAMPLE_WEBHOOK_SECRET = 'whsec_AwoRGB8mLTQ7QklQV15lbHN6gYiPlp2kq7K5wMfO1dw=';
export const EXAMPLE_WEBHOOK_TIMESTAMP = 1699265385;
export const EXAMPLE_ACCOUNT_UPDATE_BODY =
  '{"source":"PL","eventId":"EVT1358242","eventName":"Account.UPDATE","payload":{"id":"1356001","name":"General Account","number":"200851030137182","createdDate":"2023-11-06T10:09:44.574Z","updatedDate":"2023-11-06T10:09:44.574Z","balance":0,"customerID":"100000000018002","customerName":"Ravi Test18","accountType":"WALLET","currency":"USD","currencyCode":"840","status":"DORMANT","program":"PL","accountLevel":"WPS"},"signature":"0a741c59acc16dbde5e9f2fdec3ee74ead213ab3f55b2376d86ea2886f0aeb25"}';
export const EXAMPLE_WEBHOOK_HEADERS = {
  'webhook-id': 'EVT1358242',
  'webhook-timestamp': String(EXAMPLE_WEBHOOK_TIMESTAMP),
  'webhook-signature': 'v1,TQfhIbw7OZIKoxJxLy6okfquXyvXUQlG1Ob3z7EhbA8=',
} as const;

const dateTime = (example: string) =>
  z.string().meta({ format: 'date-time', description: 'RFC 3339, UTC', example });

export const AccountUpdatePayload = z
  .object({
    id: z.string().meta({ description: 'The account’s id', example: '1356001' }),
    name: z.string().meta({ description: 'The account’s name', example: 'General Account' }),
    number: z.string().meta({ description: 'Account number', example: '200851030137182' }),
    createdDate: dateTime('2023-11-06T10:09:44.574Z'),
    updatedDate: dateTime('2023-11-06T10:09:44.574Z'),
    balance: z.number().int().meta({ description: 'Balance in minor units', example: 0 }),
    customerID: z.string().meta({ example: '100000000018002' }),
    customerName: z.string().meta({ example: 'Ravi Test18' }),
    accountType: z.string().meta({ example: 'WALLET' }),
    currency: z.string().meta({ description: 'ISO 4217 alphabetic code', example: 'USD' }),
    currencyCode: z.string().meta({ description: 'ISO 4217 numeric code (USD is 840)', example: '840' }),
    status: z.string().meta({ description: 'The account’s new status', example: 'DORMANT' }),
    program: z.string().meta({ example: 'PL' }),
    accountLevel: z.string().meta({ example: 'WPS' }),
  })
  .meta({ id: 'AccountUpdatePayload', description: 'Members in this order (seed 001)' });

export const AccountUpdateEvent = z
  .object({
    source: z.literal('PL'),
    eventId: z.string().meta({
      pattern: '^EVT\\d{1,19}$',
      description:
        'Same on every attempt and replay of one event (equals `webhook-id`): de-duplicate on it. Test events (`POST /v2/webhook-subscriptions/{subscriptionId}/test`) have ids starting `EVT0`, which no real event has.',
      example: 'EVT1358242',
    }),
    eventName: z.literal(ACCOUNT_UPDATE),
    payload: AccountUpdatePayload,
    test: z.literal(true).optional().meta({
      description:
        'Present, and true, only on a test event sent by `POST /v2/webhook-subscriptions/{subscriptionId}/test`; placed before `signature` and covered by both signatures',
    }),
    signature: z.string().meta({
      pattern: '^[0-9a-f]{64}$',
      description:
        'Lowercase hex HMAC-SHA256, keyed with the base64-decoded part of the subscription secret, of the raw body without its last member: cut `,"signature":"<64 hex>"` off the end of the body as received (no re-serialisation). During the grace period after `POST /v2/webhook-subscriptions/{subscriptionId}/rotate-secret` it is keyed with the PREVIOUS secret (one signature only fits; a subscriber still on the old secret keeps verifying), and with the new one once the grace ends: check it with both secrets during the grace.',
    }),
  })
  .meta({
    id: 'AccountUpdateEvent',
    description: 'The callback body: exactly these members in this order (seed 001)',
  });

export const WebhookCallbackHeaders = z.object({
  'webhook-id': z.string().meta({ description: 'The event’s `eventId`', example: 'EVT1358242' }),
  'webhook-timestamp': z
    .string()
    .meta({ pattern: '^\\d+$', description: 'Unix seconds of this attempt', example: '1699265385' }),
  'webhook-signature': z.string().meta({
    description:
      'Standard Webhooks: `v1,` + base64 HMAC-SHA256(key, `{webhook-id}.{webhook-timestamp}.{rawBody}`), key = the base64-decoded part of the `whsec_` secret. `new Webhook(secret).verify(rawBody, headers)` of the `standardwebhooks` package checks it (5-minute tolerance). During the grace period after a secret rotation (`POST /v2/webhook-subscriptions/{subscriptionId}/rotate-secret`, 24 h by default) it is a space-separated list, `v1,<signature with the new secret> v1,<signature with the previous secret>`, which `standardwebhooks` accepts with either secret; after it, one signature with the new secret.',
    example: 'v1,TQfhIbw7OZIKoxJxLy6okfquXyvXUQlG1Ob3z7EhbA8=',
  }),
});
