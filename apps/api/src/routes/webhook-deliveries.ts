import { listWebhookDeliveriesPage } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import {
  listWebhookDeliveriesQuery,
  parseOrThrow,
  WEBHOOK_DELIVERIES_CURSOR,
  WEBHOOK_EVENT_ID_PATTERN,
} from '@wallet/validation';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { linkNextPage } from '../paging.js';
import { ownSubscription } from './webhook-subscription-lookup.js';
import { presentDelivery } from './webhook-subscription-presenter.js';

export function registerWebhookDeliveries(app: Hono<AppEnv>): void {
  app.get('/v2/webhook-subscriptions/:subscriptionId/deliveries', async (c) => {
    const query = parseOrThrow(listWebhookDeliveriesQuery, c.req.query());
    const subscription = await ownSubscription(c);
    const { db } = c.get('services');
    const page = await listWebhookDeliveriesPage(db, subscription.id, query);
    linkNextPage(c, WEBHOOK_DELIVERIES_CURSOR, page.nextKey);
    const deliveries = page.rows;
    const attempts = deliveries.length
      ? await db
          .selectFrom('webhook_delivery_attempts')
          .selectAll()
          .where(
            'delivery_id',
            'in',
            deliveries.map((d) => d.id),
          )
          .orderBy('id')
          .execute()
      : [];
    return c.json(
      deliveries.map((d) =>
        presentDelivery(
          d,
          attempts.filter((a) => a.delivery_id === d.id),
        ),
      ),
    );
  });

  app.post('/v2/webhook-subscriptions/:subscriptionId/deliveries/:eventId/replay', async (c) => {
    const subscription = await ownSubscription(c);
    const eventId = c.req.param('eventId');
    const { db } = c.get('services');
    const original = WEBHOOK_EVENT_ID_PATTERN.test(eventId)
      ? await db
          .selectFrom('webhook_deliveries')
          .select(['event_id', 'account_id'])
          .where('subscription_id', '=', subscription.id)
          .where('event_id', '=', eventId)
          .where('replay', '=', false)
          .executeTakeFirst()
      : undefined;
    if (!original) throw new ApiError('not_found', 'This event was never delivered to this subscription');
    if (subscription.status !== 'ACTIVE') {
      throw new ApiError('conflict', 'The subscription is cancelled: reactivate it before replaying');
    }
    // A new row of its own, due at once: the dispatcher claims it after any earlier pending
    // delivery of the same account, and sends it with the event's own eventId.
    const delivery = await db
      .insertInto('webhook_deliveries')
      .values({
        subscription_id: subscription.id,
        event_id: original.event_id,
        account_id: original.account_id,
        replay: true,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return c.json(presentDelivery(delivery, []), 202);
  });
}
