import { ApiError } from '@wallet/errors';
import { listWebhookDeliveriesQuery, parseOrThrow, WEBHOOK_EVENT_ID_PATTERN } from '@wallet/validation';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { ownSubscription } from './webhook-subscription-lookup.js';
import { presentDelivery } from './webhook-subscription-presenter.js';

export function registerWebhookDeliveries(app: Hono<AppEnv>): void {
  app.get('/v2/webhook-subscriptions/:subscriptionId/deliveries', async (c) => {
    const query = parseOrThrow(listWebhookDeliveriesQuery, c.req.query());
    const subscription = await ownSubscription(c);
    const { db } = c.get('services');
    let select = db
      .selectFrom('webhook_deliveries')
      .innerJoin('events', 'events.event_id', 'webhook_deliveries.event_id')
      .selectAll('webhook_deliveries')
      .select('events.event_type')
      .where('subscription_id', '=', subscription.id)
      .orderBy('webhook_deliveries.id', 'desc')
      .limit(query.limit);
    if (query.eventId) select = select.where('webhook_deliveries.event_id', '=', query.eventId);
    const deliveries = await select.execute();
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
          d.event_type,
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
          .innerJoin('events', 'events.event_id', 'webhook_deliveries.event_id')
          .select([
            'webhook_deliveries.event_id',
            'webhook_deliveries.account_id',
            'webhook_deliveries.ordering_key',
            'events.event_type',
          ])
          .where('subscription_id', '=', subscription.id)
          .where('webhook_deliveries.event_id', '=', eventId)
          .where('replay', '=', false)
          .executeTakeFirst()
      : undefined;
    if (!original) throw new ApiError('not_found', 'This event was never delivered to this subscription');
    if (subscription.status !== 'ACTIVE') {
      throw new ApiError('conflict', 'The subscription is cancelled: reactivate it before replaying');
    }
    // A new row of its own, due at once: the dispatcher claims it after any earlier pending
    // delivery of the same ordering key (account), and sends it with the event's own eventId.
    const delivery = await db
      .insertInto('webhook_deliveries')
      .values({
        subscription_id: subscription.id,
        event_id: original.event_id,
        account_id: original.account_id,
        ordering_key: original.ordering_key,
        replay: true,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return c.json(presentDelivery(delivery, [], original.event_type), 202);
  });
}
