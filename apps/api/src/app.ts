import { ApiError, familyOf } from '@wallet/errors';
import { createMetrics } from '@wallet/metrics';
import { Hono } from 'hono';
import { declaredBodyLimit } from './body.js';
import type { AppEnv, Services } from './context.js';
import { renderError, toApiError } from './error-response.js';
import { type IdempotencyOptions, idempotency } from './idempotency/middleware.js';
import { httpMetrics } from './middleware/metrics.js';
import { adminRateLimit, tenantRateLimit } from './middleware/rate-limit.js';
import { requestContext, traceparentOf } from './middleware/request-context.js';
import { tenantAuth } from './middleware/tenant-auth.js';
import { registerAccountClose } from './routes/account-close.js';
import { registerAccounts } from './routes/accounts.js';
import { registerAdminRestrictions } from './routes/admin-restrictions.js';
import { registerAdminTenants } from './routes/admin-tenants.js';
import { registerApiKeys, registerOwnApiKeys } from './routes/api-keys.js';
import { registerBlackList } from './routes/black-list.js';
import { registerChangeNotifications } from './routes/change-notifications.js';
import { registerCustomerUpdate } from './routes/customer-update.js';
import { registerCustomers } from './routes/customers.js';
import { registerDocs } from './routes/docs.js';
import { registerEvents } from './routes/events.js';
import { registerHealth } from './routes/health.js';
import { registerIssuerCallbacks } from './routes/issuer-callbacks.js';
import { registerMetrics } from './routes/metrics.js';
import { registerNotifications } from './routes/notifications.js';
import { registerOpenApi } from './routes/openapi.js';
import { registerRestrictions } from './routes/restrictions.js';
import { registerScreenings } from './routes/screenings.js';
import { registerAccountUpdate } from './routes/update-account.js';
import { registerVirtualInstruments } from './routes/virtual-instruments.js';
import { registerWebhookSubscriptions } from './routes/webhook-subscriptions.js';

/**
 * POSTs that create something and take an Idempotency-Key (the list is in the README). Not here:
 * change notifications (their own, older mechanism in the intake), the bank's callbacks (de-duplicated
 * by their `webhook-id`), and `/admin` (no tenant; a tenant's name is its own key). API keys and
 * webhook subscriptions answer a secret shown once, which is never stored: their replay is a 409.
 */
const IDEMPOTENT_CREATES: [string, IdempotencyOptions][] = [
  ['/v2/customer-persons', {}],
  ['/v2/customer-persons/:customerId/accounts', {}],
  ['/v2/customer-persons/:customerId/accounts/:accountId/virtual-instruments', {}],
  ['/v2/customer-persons/:customerId/restrictions', {}],
  ['/v2/black-list-entries', {}],
  ['/v2/webhook-subscriptions', { secretMember: 'secret', resource: 'webhook subscription' }],
  ['/v2/webhook-subscriptions/:subscriptionId/deliveries/:eventId/replay', {}],
  ['/v2/webhook-subscriptions/:subscriptionId/recover', {}],
  ['/v2/api-keys', { secretMember: 'apiKey', resource: 'API key' }],
  ['/v1/:tenantName/accounts/:userId/notifications', {}],
];

/** Partner routes: every path under these prefixes needs a tenant's API key. */
const PARTNER_PREFIXES = ['/v2/*', '/v1/*', '/accounts/*'];

export function createApp(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Per app, not global: queue depth is read from pg-boss at each scrape.
  const metrics = createMetrics({
    defaultLabels: { app: 'api' },
    queues: services.boss,
    intake: services.intake,
  });
  app.use('*', httpMetrics(metrics));
  app.use('*', requestContext(services));
  app.use('*', declaredBodyLimit(services.bodyLimitBytes));
  registerHealth(app);
  // Public, before the partner auth: the contract, its docs page and Prometheus text.
  registerOpenApi(app);
  registerDocs(app);
  registerMetrics(app, metrics);
  app.use('/admin/*', adminRateLimit);
  registerAdminTenants(app);
  registerApiKeys(app);
  registerAdminRestrictions(app);
  // Before the partner auth: a bank authenticates with its callback's signature, not an API key.
  registerIssuerCallbacks(app);
  const auth = tenantAuth();
  for (const prefix of PARTNER_PREFIXES) app.use(prefix, auth, tenantRateLimit);
  for (const [path, options] of IDEMPOTENT_CREATES) app.use(path, idempotency(options));
  registerOwnApiKeys(app);
  registerCustomers(app);
  registerCustomerUpdate(app);
  registerAccounts(app);
  registerVirtualInstruments(app);
  registerAccountClose(app);
  registerRestrictions(app);
  registerChangeNotifications(app);
  registerWebhookSubscriptions(app);
  registerEvents(app);
  registerBlackList(app);
  registerAccountUpdate(app);
  registerScreenings(app);
  registerNotifications(app);

  app.notFound(() => {
    throw new ApiError('route_not_found', 'No such route');
  });
  app.onError((err, c) => {
    const apiError = toApiError(err);
    const logger = c.get('logger') ?? services.logger;
    if (apiError.kind === 'internal') logger.error({ err }, 'unhandled error');
    else if (apiError.kind === 'service_unavailable') logger.warn({ err }, 'database unavailable');
    if (apiError.retryAfter !== undefined) c.header('Retry-After', String(apiError.retryAfter));
    // The rest of an oversized body is never read; the connection cannot be reused.
    if (apiError.kind === 'payload_too_large') c.header('Connection', 'close');
    const body = renderError(familyOf(c.req.path), apiError, traceparentOf(c.get('requestId') ?? ''));
    return c.json(body as object, apiError.status as 400);
  });
  return app;
}
