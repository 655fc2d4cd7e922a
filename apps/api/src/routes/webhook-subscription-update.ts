import { changeWebhookSubscription } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import { updateWebhookSubscriptionBody } from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { isUniqueViolation } from '../params.js';
import { ownSubscription } from './webhook-subscription-lookup.js';
import { presentSubscription } from './webhook-subscription-presenter.js';
import { assertReachableUrl } from './webhook-subscriptions-policy.js';

/**
 * `PATCH /v2/webhook-subscriptions/{id}`: url (SSRF guard, uniqueness), eventTypes, maxAttempts, and
 * `status` PAUSED / ACTIVE to pause and resume (see `changeWebhookSubscription` for what pausing does).
 */
export function registerWebhookSubscriptionUpdate(app: Hono<AppEnv>): void {
  app.patch('/v2/webhook-subscriptions/:subscriptionId', async (c) => {
    const own = await ownSubscription(c);
    const body = await jsonBody(c, updateWebhookSubscriptionBody);
    const { db, webhooks } = c.get('services');
    if (body.url !== undefined && body.url !== own.url) await assertReachableUrl(body.url, webhooks);
    const result = await changeWebhookSubscription(db, c.get('tenant').id, own.id, body).catch((err) => {
      if (isUniqueViolation(err, 'webhook_subscriptions_unique_active')) {
        throw new ApiError(
          'conflict',
          'An active or paused webhook subscription with this url and these eventTypes exists',
        );
      }
      throw err;
    });
    if (result.kind === 'not_found') throw new ApiError('not_found', 'Webhook subscription not found');
    if (result.kind === 'cancelled') {
      throw new ApiError(
        'conflict',
        'The webhook subscription is cancelled: reactivate it (POST .../reactivate) before pausing or resuming it',
      );
    }
    return c.json(presentSubscription(result.row));
  });
}
