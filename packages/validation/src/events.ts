import { EVENT_TYPES } from '@wallet/domain';
import { z } from 'zod';
import { cursorCodec, pageCursor, pageLimit } from './page.js';
import { rfc3339DateTime } from './primitives.js';

/** Newest first, by the log's row id. */
export const EVENTS_CURSOR = cursorCodec('events', ['bigint']);

const instant = () => rfc3339DateTime().transform((text) => new Date(text.toUpperCase()));

/**
 * `GET /v2/events`: newest first, paged like every list (`limit`, `after`), filtered by
 * `type` and by creation time (`createdAfter` inclusive, `createdBefore` exclusive).
 */
export const listEventsQuery = z
  .strictObject({
    limit: pageLimit,
    after: pageCursor(EVENTS_CURSOR),
    type: z.enum(EVENT_TYPES).optional(),
    createdAfter: instant().optional(),
    createdBefore: instant().optional(),
  })
  .superRefine((query, ctx) => {
    if (query.createdAfter && query.createdBefore && query.createdAfter >= query.createdBefore) {
      ctx.addIssue({ code: 'custom', path: ['createdBefore'], message: 'must be later than createdAfter' });
    }
  });
export type ListEventsQuery = z.output<typeof listEventsQuery>;
