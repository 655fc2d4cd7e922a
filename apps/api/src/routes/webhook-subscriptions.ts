import { randomUUID } from 'node:crypto';
import { listWebhookSubscriptionsPage } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import {
  createWebhookSubscriptionBody,
  listWebhookSubscriptionsQuery,
  parseOrThrow,
  WEBHOOK_SUBSCRIPTIONS_CURSOR,
} from '@wallet/validation';
import { generateSecret } from '@wallet/webhooks';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { linkNextPage } from '../paging.js';
import { isUniqueViolation } from '../params.js';
import { sealedSecretColumns } from '../webhook-secrets/stored-secrets.js';
import { registerWebhookDeliveries } from './webhook-deliveries.js';
import { registerWebhookSecretRotation } from './webhook-secret-rotation.js';
import { ownSubscription } from './webhook-subscription-lookup.js';
import { presentSubscription } from './webhook-subscription-presenter.js';
import { registerWebhookSubscriptionTest } from './webhook-subscription-test.js';
import { registerWebhookSubscriptionUpdate } from './webhook-subscription-update.js';
import { assertReachableUrl } from './webhook-subscriptions-policy.js';

/** An ACTIVE subscription with the same url and event types exists already: 409, not a second one. */
function refuseDuplicate(err: unknown): never {
  if (isUniqueViolation(err, 'webhook_subscriptions_unique_active')) {
    throw new ApiError(
      'conflict',
      'An active webhook subscription with this url and these eventTypes exists',
    );
  }
  throw err;
}

export function registerWebhookSubscriptions(app: Hono<AppEnv>): void {
  app.post('/v2/webhook-subscriptions', async (c) => {
    const body = await jsonBody(c, createWebhookSubscriptionBody);
    const { db, webhooks } = c.get('services');
    await assertReachableUrl(body.url, webhooks);
    const secret = generateSecret();
    // The id is made here: the secret is encrypted for it (bound to its row, see SecretBox).
    const id = randomUUID();
    const tenantId = c.get('tenant').id;
    const row = await db
      .transaction()
      .execute(async (trx) => {
        // The tenant's row lock makes the count and the insert one step: two creates cannot both fit.
        await trx.selectFrom('tenants').select('id').where('id', '=', tenantId).forNoKeyUpdate().execute();
        const { count } = await trx
          .selectFrom('webhook_subscriptions')
          .select((eb) => eb.fn.countAll<string>().as('count'))
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow();
        if (Number(count) >= webhooks.maxSubscriptionsPerTenant) {
          throw new ApiError(
            'conflict',
            `A tenant may have at most ${webhooks.maxSubscriptionsPerTenant} webhook subscriptions; delete one first`,
          );
        }
        return trx
          .insertInto('webhook_subscriptions')
          .values({
            id,
            tenant_id: tenantId,
            url: body.url,
            event_types: body.eventTypes,
            ...sealedSecretColumns(webhooks.secretBox, id, secret),
            max_attempts: body.maxAttempts ?? webhooks.defaultMaxAttempts,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      })
      .catch(refuseDuplicate);
    return c.json(presentSubscription(row, secret), 201);
  });

  app.get('/v2/webhook-subscriptions', async (c) => {
    const query = parseOrThrow(listWebhookSubscriptionsQuery, c.req.query());
    const page = await listWebhookSubscriptionsPage(c.get('services').db, c.get('tenant').id, query);
    linkNextPage(c, WEBHOOK_SUBSCRIPTIONS_CURSOR, page.nextKey);
    return c.json(page.rows.map((row) => presentSubscription(row)));
  });

  app.get('/v2/webhook-subscriptions/:subscriptionId', async (c) => {
    return c.json(presentSubscription(await ownSubscription(c)));
  });

  app.delete('/v2/webhook-subscriptions/:subscriptionId', async (c) => {
    const row = await ownSubscription(c);
    // Its deliveries and attempts go with it (ON DELETE CASCADE), those still waiting to be sent too.
    await c.get('services').db.deleteFrom('webhook_subscriptions').where('id', '=', row.id).execute();
    return c.body(null, 204);
  });

  app.post('/v2/webhook-subscriptions/:subscriptionId/reactivate', async (c) => {
    const own = await ownSubscription(c);
    const row = await c
      .get('services')
      .db.updateTable('webhook_subscriptions')
      .set({ status: 'ACTIVE', cancelled_at: null, cancel_reason: null, updated_at: sql<Date>`now()` })
      .where('id', '=', own.id)
      .returningAll()
      .executeTakeFirst()
      .catch(refuseDuplicate);
    if (!row) throw new ApiError('not_found', 'Webhook subscription not found');
    return c.json(presentSubscription(row));
  });

  registerWebhookDeliveries(app);
  registerWebhookSubscriptionTest(app);
  registerWebhookSecretRotation(app);
  registerWebhookSubscriptionUpdate(app);
}
