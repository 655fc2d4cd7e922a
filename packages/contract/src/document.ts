import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { AccountsError, V1Error, V2Error } from './envelopes.js';
import { registerApiKeyPaths } from './paths/api-keys.js';
import { registerPagingComponents } from './paths/operation.js';
import { registerScreeningPaths } from './paths/screening.js';
import { registerServicePaths } from './paths/service.js';
import { registerNotificationPaths } from './paths/v1-notifications.js';
import { registerCustomerPaths } from './paths/v2-customers.js';
import { registerEventPaths } from './paths/v2-events.js';
import { registerInstrumentPaths } from './paths/v2-instruments.js';
import { registerWebhookPaths } from './paths/v2-webhooks.js';
import { registerWebhookCallbacks } from './paths/webhook-callbacks.js';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const DESCRIPTION = `Partner API of the embedded-wallet risk and notification platform.

Partner routes take \`Authorization: Bearer <apiKey>\`; \`/admin\` routes take the operator's admin token.
Errors use the envelope of the route's family: \`/v2\` → \`V2Error\` (seed 000), \`/v1\` → \`V1Error\`
(seed 002), \`/accounts\` → \`AccountsError\` (seed 003). Every answer carries \`X-Request-Id\`.

Request bodies must be sent with \`Content-Type: application/json\` (or another \`+json\` type); without one
the answer is 415. A \`null\` property of a request body counts as absent: an optional field sent as
\`null\` is not set, a required one is refused as missing. ISO codes (currencies, countries, USA/CAN
states) are taken in any case and answered in upper case.

## Receive your first webhook
1. \`POST /v2/webhook-subscriptions\` with your HTTPS URL and \`"eventTypes":["Account.UPDATE"]\`; keep the \`secret\` (shown once).
2. In your endpoint, verify the raw body: \`new Webhook(secret).verify(rawBody, headers)\` with the
   [standardwebhooks](https://www.npmjs.com/package/standardwebhooks) library, then answer **200** (only 200 is success; see
   \`webhooks\` → \`Account.UPDATE\` for the body, both signatures and the retry schedule). De-duplicate on \`eventId\`.
3. \`POST /v2/webhook-subscriptions/{subscriptionId}/test\` sends a signed test event (\`"test": true\`) and answers with what your endpoint did.
4. Cancelled (attempts exhausted or 410; \`GET\` shows \`status: CANCELLED\`): fix the endpoint, test it, \`POST .../reactivate\`,
   then \`POST .../recover\` with \`{"since": "<when it began failing>"}\` to send every failed or cancelled delivery
   again, oldest first (one event: \`POST .../deliveries/{eventId}/replay\`). \`PATCH\` with
   \`"status":"PAUSED"\` pauses deliveries for planned downtime; \`"ACTIVE"\` sends what accumulated, in order.`;

/**
 * The OpenAPI 3.1 document of the API, generated from the zod schemas the routes validate with.
 * Built anew on each call (cheap; callers cache it).
 */
export function buildOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'One of the tenant’s API keys, as returned once by POST /admin/tenants or a key creation',
  });
  registry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator’s ADMIN_TOKEN',
  });
  registry.registerComponent('securitySchemes', 'issuerSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'webhook-signature',
    description:
      'A partner bank’s Standard Webhooks signature (with webhook-id and webhook-timestamp) made with its secret from INSTRUMENT_ISSUERS',
  });
  registerPagingComponents(registry);
  registerServicePaths(registry);
  registerApiKeyPaths(registry);
  registerCustomerPaths(registry);
  registerInstrumentPaths(registry);
  registerWebhookPaths(registry);
  registerEventPaths(registry);
  registerScreeningPaths(registry);
  registerNotificationPaths(registry);
  registerWebhookCallbacks(registry);
  // The envelopes are components even while no operation of a family exists.
  const definitions = [...registry.definitions, V2Error, V1Error, AccountsError];
  return new OpenApiGeneratorV31(definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Wallet risk platform API', version: '0.1.0', description: DESCRIPTION },
    servers: [
      {
        url: 'http://localhost:3000',
        description: 'A local stack (`pnpm start`; the API listens on PORT, default 3000)',
      },
    ],
    tags: [
      { name: 'Customers', description: 'Customer persons and their accounts (seed 000)' },
      { name: 'Accounts', description: 'Update Account (seed 003) and account closing' },
      { name: 'Restrictions', description: 'Operator restrictions on customers and accounts' },
      { name: 'Change notifications', description: 'Seed 000' },
      { name: 'Screening', description: 'Seed 003 and the tenant black list' },
      { name: 'Notifications', description: 'Seed 002' },
      {
        name: 'Webhook subscriptions',
        description:
          'Where and how callbacks (Account.UPDATE of seed 001, and the operational WebhookSubscription.FAILING and .CANCELLED) are sent; see the `webhooks` section',
      },
      {
        name: 'Events',
        description: 'The tenant’s event log: every event recorded, of every type, with its deliveries',
      },
      {
        name: 'Webhook callbacks',
        description:
          'What the platform POSTs to a subscription’s URL: body, headers, signatures, success rule and retries',
      },
      { name: 'Issuers', description: 'Partner banks that issue virtual instruments' },
      { name: 'API keys', description: 'The tenant’s own keys: create, list, revoke' },
      { name: 'Admin', description: 'Operator routes (admin token): tenants and their keys' },
      { name: 'Operations', description: 'Health, metrics, the OpenAPI document and its docs page' },
    ],
  });
}
