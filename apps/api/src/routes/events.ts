import { findEvent, listEvents } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import { EVENTS_CURSOR, listEventsQuery, parseOrThrow, WEBHOOK_EVENT_ID_PATTERN } from '@wallet/validation';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { linkNextPage } from '../paging.js';
import { presentEvent, presentEventDelivery } from './event-presenter.js';

/** The tenant's event log: every event of every type, newest first, each with its deliveries. */
export function registerEvents(app: Hono<AppEnv>): void {
  app.get('/v2/events', async (c) => {
    const query = parseOrThrow(listEventsQuery, c.req.query());
    const page = await listEvents(c.get('services').db, c.get('tenant').id, query);
    linkNextPage(c, EVENTS_CURSOR, page.nextKey);
    return c.json(page.events.map(presentEvent));
  });

  app.get('/v2/events/:eventId', async (c) => {
    const eventId = c.req.param('eventId');
    // Not an event id at all: no such event either.
    const found = WEBHOOK_EVENT_ID_PATTERN.test(eventId)
      ? await findEvent(c.get('services').db, c.get('tenant').id, eventId)
      : undefined;
    if (!found) throw new ApiError('not_found', 'Event not found');
    return c.json({ ...presentEvent(found.event), deliveries: found.deliveries.map(presentEventDelivery) });
  });
}
