import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { EVENT_TYPES } from '@wallet/domain';
import { z } from 'zod';
import { Event, EventWithDeliveries } from '../events.js';
import { json, operation } from './operation.js';

const tags = ['Events'];

/** The filters; `paged` replaces `limit` and `after` by the shared parameters. */
const listQuery = z.object({
  limit: z.string().optional(),
  after: z.string().optional(),
  type: z.enum(EVENT_TYPES).optional().meta({ description: 'Only events of this type' }),
  createdAfter: z
    .string()
    .optional()
    .meta({ format: 'date-time', description: 'Only events recorded at or after this time (RFC 3339)' }),
  createdBefore: z
    .string()
    .optional()
    .meta({ format: 'date-time', description: 'Only events recorded before this time (RFC 3339)' }),
});

export function registerEventPaths(registry: OpenAPIRegistry): void {
  operation(registry, {
    method: 'get',
    path: '/v2/events',
    operationId: 'listEvents',
    summary: 'List the tenant’s events',
    description:
      'The event log: every event recorded for the tenant (Account.UPDATE and the operational WebhookSubscription.FAILING and .CANCELLED), newest first, whether or not a subscription asked for it; filters by `type` and creation time.',
    tags,
    access: 'partner',
    paged: true,
    request: { query: listQuery },
    responses: { 200: json(z.array(Event)) },
    errors: [400],
  });
  operation(registry, {
    method: 'get',
    path: '/v2/events/{eventId}',
    operationId: 'getEvent',
    summary: 'Get an event with its deliveries',
    description:
      "One event with its deliveries, one per subscription it went to (and any replays): state, attempt count and how the last attempt went. Another tenant's event is 404.",
    tags,
    access: 'partner',
    request: {
      params: z.object({ eventId: z.string().meta({ pattern: '^EVT\\d{1,19}$', example: 'EVT1358242' }) }),
    },
    responses: { 200: json(EventWithDeliveries) },
    errors: [404],
  });
}
