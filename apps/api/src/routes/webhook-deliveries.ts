import {
  listDeliveryAttempts,
  listWebhookDeliveriesPage,
  type ReplayRefusal,
  recoverWebhookDeliveries,
  replayWebhookDelivery,
} from '@wallet/core';
import { ApiError } from '@wallet/errors';
import {
  listWebhookDeliveriesQuery,
  parseOrThrow,
  recoverWebhookDeliveriesBody,
  WEBHOOK_DELIVERIES_CURSOR,
  WEBHOOK_EVENT_ID_PATTERN,
} from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { linkNextPage } from '../paging.js';
import { isUuid, ownSubscription } from './webhook-subscription-lookup.js';
import { presentDelivery } from './webhook-subscription-presenter.js';

export function registerWebhookDeliveries(app: Hono<AppEnv>): void {
  app.get('/v2/webhook-subscriptions/:subscriptionId/deliveries', async (c) => {
    const query = parseOrThrow(listWebhookDeliveriesQuery, c.req.query());
    const subscription = await ownSubscription(c);
    const { db } = c.get('services');
    const page = await listWebhookDeliveriesPage(db, subscription.id, query);
    linkNextPage(c, WEBHOOK_DELIVERIES_CURSOR, page.nextKey);
    const deliveries = page.rows;
    const attempts = await listDeliveryAttempts(
      db,
      deliveries.map((d) => d.id),
    );
    return c.json(
      deliveries.map((d) =>
        presentDelivery(
          d,
          attempts.filter((a) => a.delivery_id === d.id),
          d.event_type,
        ),
      ),
    );
  });

  app.post('/v2/webhook-subscriptions/:subscriptionId/deliveries/:eventId/replay', async (c) => {
    const subscriptionId = c.req.param('subscriptionId');
    const eventId = c.req.param('eventId');
    if (!isUuid(subscriptionId)) throw refusal({ kind: 'subscription_not_found' });
    const result = await replayWebhookDelivery(c.get('services').db, {
      tenantId: c.get('tenant').id,
      subscriptionId,
      // Not an event id at all: no event can match, but an unknown subscription is still told first.
      eventId: WEBHOOK_EVENT_ID_PATTERN.test(eventId) ? eventId : null,
    });
    if (result.kind === 'event_not_found') {
      throw new ApiError('not_found', 'This event was never delivered to this subscription');
    }
    if (result.kind !== 'queued') throw refusal(result);
    return c.json(presentDelivery(result.delivery, [], result.eventType), 202);
  });

  app.post('/v2/webhook-subscriptions/:subscriptionId/recover', async (c) => {
    const subscriptionId = c.req.param('subscriptionId');
    if (!isUuid(subscriptionId)) throw refusal({ kind: 'subscription_not_found' });
    const body = await jsonBody(c, recoverWebhookDeliveriesBody);
    const result = await recoverWebhookDeliveries(c.get('services').db, {
      tenantId: c.get('tenant').id,
      subscriptionId,
      since: body.since,
      limit: body.limit,
    });
    if (result.kind !== 'queued') throw refusal(result);
    return c.json({ queued: result.queued, hasMore: result.hasMore, eventIds: result.eventIds }, 202);
  });
}

/** The 404 or 409 of a replay or recovery that queued nothing. */
function refusal(result: ReplayRefusal): ApiError {
  if (result.kind === 'subscription_not_found')
    return new ApiError('not_found', 'Webhook subscription not found');
  return new ApiError(
    'conflict',
    'The subscription is cancelled: reactivate it (POST .../reactivate) before replaying or recovering deliveries',
  );
}
