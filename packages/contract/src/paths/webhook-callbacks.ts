import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ACCOUNT_UPDATE, WEBHOOK_SUBSCRIPTION_CANCELLED, WEBHOOK_SUBSCRIPTION_FAILING } from '@wallet/domain';
import type { ZodType } from 'zod';
import {
  EXAMPLE_SUBSCRIPTION_CANCELLED_BODY,
  EXAMPLE_SUBSCRIPTION_FAILING_BODY,
  SubscriptionCancelledEvent,
  SubscriptionFailingEvent,
} from '../subscription-events.js';
import {
  AccountUpdateEvent,
  EXAMPLE_ACCOUNT_UPDATE_BODY,
  EXAMPLE_WEBHOOK_HEADERS,
  EXAMPLE_WEBHOOK_SECRET,
  WebhookCallbackHeaders,
} from '../webhook-callbacks.js';

const DESCRIPTION = `Sent to every ACTIVE subscription of the tenant whose \`eventTypes\` include
\`Account.UPDATE\`, each time an account's status changes: in order per subscription and account (the next
event of an account waits until this one is delivered or the subscription is cancelled), at least once.

**Success is HTTP 200 only.** Any other status (204 and 3xx included; redirects are never followed), a
timeout (10 s for connect, headers and body together) or a connection error is a failed attempt. Only the
first KiB of an answer is kept.

**Retry schedule.** After the 1st, 2nd, ... failed attempt the next one waits 5 s, 5 min, 30 min, 2 h,
5 h, 10 h, 10 h (the last repeats), each lengthened by up to 10 % at random; a \`Retry-After\` answer
header may lengthen a wait up to 24 h, never shorten it. The attempt that reaches the subscription's
\`maxAttempts\` (default 8 = 1 + the number of waits; 1..20), or any \`410 Gone\`, fails the delivery and
**cancels the subscription** (status \`CANCELLED\`, \`cancelReason\`) with its other pending deliveries.
Operators may configure other waits (\`WEBHOOK_RETRY_DELAYS\`).

**Two signatures**, both HMAC-SHA256 keyed with the base64-decoded part of the subscription's
\`whsec_\` secret:
1. \`webhook-signature\` header, the [Standard Webhooks](https://www.standardwebhooks.com/) scheme:
   \`v1,\` + base64 HMAC(key, \`\${webhook-id}.\${webhook-timestamp}.\${rawBody}\`).
2. The body's \`signature\` (seed 001): lowercase hex HMAC(key, the raw body without
   \`,"signature":"<64 hex>"\` at its end).

**During a secret rotation** (\`POST /v2/webhook-subscriptions/{subscriptionId}/rotate-secret\`), for its
grace period (24 h by default): \`webhook-signature\` carries two signatures, space-separated,
\`v1,<new> v1,<previous>\` (a Standard Webhooks verifier passes with either secret), and the body's
\`signature\` is keyed with the PREVIOUS secret (it holds one). After the grace: one signature, the new
secret, in both places. Deploy both secrets (\`verifyAccountUpdate([newSecret, oldSecret], …)\` of
\`@wallet/webhooks\`) during the grace, then the new one alone: no delivery fails on the way.

Verify against the raw bytes received, never a re-serialised body. The example below verifies with the
example secret \`${EXAMPLE_WEBHOOK_SECRET}\` and the headers
\`webhook-id: ${EXAMPLE_WEBHOOK_HEADERS['webhook-id']}\`,
\`webhook-timestamp: ${EXAMPLE_WEBHOOK_HEADERS['webhook-timestamp']}\`,
\`webhook-signature: ${EXAMPLE_WEBHOOK_HEADERS['webhook-signature']}\`
(give \`standardwebhooks\` a clock at that time, or its 5-minute tolerance refuses it).`;

const OPERATIONAL = `Operational events are delivered like \`Account.UPDATE\` (HTTP 200 only, the same retry
schedule and cancellation rules, the same two signatures and headers) to every ACTIVE subscription of the
tenant whose \`eventTypes\` include this type, **except the subscription the event is about**. Events about
one subscription arrive in the order they were recorded. They are also listed by \`GET /v2/events\`.`;

const RESPONSES = {
  200: { description: 'Delivered. The only success: the event is not sent again (except by a replay).' },
  default: {
    description:
      'Any other status, a timeout or a connection error: a failed attempt, retried on the schedule; 410 cancels the subscription at once.',
  },
};

function registerOperational(
  registry: OpenAPIRegistry,
  path: string,
  operationId: string,
  summary: string,
  when: string,
  schema: ZodType,
  example: string,
): void {
  registry.registerWebhook({
    method: 'post',
    path,
    operationId,
    summary,
    description: `${when}\n\n${OPERATIONAL}`,
    tags: ['Webhook callbacks'],
    security: [],
    request: {
      headers: WebhookCallbackHeaders,
      body: {
        required: true,
        description: 'JSON, `content-type: application/json`',
        content: {
          'application/json': {
            schema,
            examples: {
              signed: {
                summary: 'Signed with the example secret',
                description: `Secret \`${EXAMPLE_WEBHOOK_SECRET}\`, \`webhook-timestamp: ${EXAMPLE_WEBHOOK_HEADERS['webhook-timestamp']}\`; the body's bytes are exactly this JSON without whitespace.`,
                value: JSON.parse(example),
              },
            },
          },
        },
      },
    },
    responses: RESPONSES,
  });
}

/** The callbacks the platform sends (OpenAPI 3.1 `webhooks`). */
export function registerWebhookCallbacks(registry: OpenAPIRegistry): void {
  registry.registerWebhook({
    method: 'post',
    path: ACCOUNT_UPDATE,
    operationId: 'accountUpdateCallback',
    summary: 'An account’s status changed (seed 001)',
    description: DESCRIPTION,
    tags: ['Webhook callbacks'],
    security: [],
    request: {
      headers: WebhookCallbackHeaders,
      body: {
        required: true,
        description: 'JSON, `content-type: application/json`',
        content: {
          'application/json': {
            schema: AccountUpdateEvent,
            examples: {
              signed: {
                summary: 'Signed with the example secret',
                description: `Secret \`${EXAMPLE_WEBHOOK_SECRET}\`; the body's bytes are exactly this JSON without whitespace.`,
                value: JSON.parse(EXAMPLE_ACCOUNT_UPDATE_BODY),
              },
            },
          },
        },
      },
    },
    responses: {
      200: { description: 'Delivered. The only success: the event is not sent again (except by a replay).' },
      default: {
        description:
          'Any other status, a timeout or a connection error: a failed attempt, retried on the schedule above; 410 cancels the subscription at once.',
      },
    },
  });
  registerOperational(
    registry,
    WEBHOOK_SUBSCRIPTION_FAILING,
    'subscriptionFailingCallback',
    'Another subscription’s endpoint keeps failing',
    'Recorded when one of the tenant’s subscriptions has failed `WEBHOOK_FAILING_THRESHOLD` (default 3) delivery attempts in a row: once per streak, a delivered attempt ends the streak.',
    SubscriptionFailingEvent,
    EXAMPLE_SUBSCRIPTION_FAILING_BODY,
  );
  registerOperational(
    registry,
    WEBHOOK_SUBSCRIPTION_CANCELLED,
    'subscriptionCancelledCallback',
    'Another subscription was cancelled',
    'Recorded when one of the tenant’s subscriptions is cancelled because a delivery used up its `maxAttempts` or its endpoint answered 410, in the same transaction as the cancellation.',
    SubscriptionCancelledEvent,
    EXAMPLE_SUBSCRIPTION_CANCELLED_BODY,
  );
}
