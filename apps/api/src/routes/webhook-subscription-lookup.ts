import { findWebhookSubscription } from '@wallet/core';
import type { WebhookSubscriptionRow } from '@wallet/db';
import { ApiError } from '@wallet/errors';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A subscription id as stored; anything else names no subscription (404). */
export const isUuid = (id: string | undefined): id is string => UUID.test(id ?? '');

/** The caller's subscription named in the path; another tenant's, or a malformed id, is 404. */
export async function ownSubscription(c: Context<AppEnv>): Promise<WebhookSubscriptionRow> {
  const id = c.req.param('subscriptionId') ?? '';
  const row = isUuid(id)
    ? await findWebhookSubscription(c.get('services').db, c.get('tenant').id, id)
    : undefined;
  if (!row) throw new ApiError('not_found', 'Webhook subscription not found');
  return row;
}
