import { addNotification, listNotificationFeed, setNotificationState } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import {
  createNotificationBody,
  encodeNotificationCursor,
  listNotificationsQuery,
  notificationPathParams,
  notificationsPathParams,
  updateNotificationBody,
} from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonObject } from '../body.js';
import type { AppEnv } from '../context.js';
import { presentNotification } from '../presenters/notification.js';
import {
  assertCustomerOfTenant,
  assertOwnTenant,
  parseRequest,
  singleQueryValues,
} from './notifications-scope.js';

const FEED = '/v1/:tenantName/accounts/:userId/notifications';

/**
 * Seed 002's feed. Each request: 401 (no key, in the tenant middleware), 403 (another tenant's name),
 * 400 (every bad parameter at once), 404 (not a customer of the tenant), then the answer.
 */
export function registerNotifications(app: Hono<AppEnv>): void {
  app.get(FEED, async (c) => {
    assertOwnTenant(c);
    const { query: raw, repeated } = singleQueryValues(c);
    const [{ userId }, query] = parseRequest(
      [notificationsPathParams, c.req.param()],
      [listNotificationsQuery, raw],
      repeated,
    );
    const { filter, orderBy, after, limit, offset } = query;
    const page = await listNotificationFeed(c.get('services').db, {
      tenantId: c.get('tenant').id,
      userId,
      filter,
      orderBy,
      after: after && { key: after.key, id: after.id },
      limit,
      offset,
    });
    if (!page) throw new ApiError('not_found', 'Account not found');
    c.header('X-Total-Count', String(page.total));
    if (page.last) c.header('X-Next-Cursor', encodeNotificationCursor({ ...orderBy, ...page.last }));
    // Already seed 002's JSON (rendered by the query in @wallet/core, see renderedPage).
    return c.body(page.body, 200, { 'content-type': 'application/json' });
  });

  app.post(FEED, async (c) => {
    assertOwnTenant(c);
    const [{ userId }, body] = parseRequest(
      [notificationsPathParams, c.req.param()],
      [createNotificationBody, await jsonObject(c)],
    );
    const tenant = c.get('tenant');
    const { db } = c.get('services');
    const row = await db.transaction().execute(async (trx) => {
      await assertCustomerOfTenant(trx, tenant.id, userId);
      return addNotification({ trx }, { tenantId: tenant.id, customerId: userId, ...body });
    });
    return c.json([presentNotification(row)], 201);
  });

  app.put(`${FEED}/:notificationId`, async (c) => {
    assertOwnTenant(c);
    const [{ userId, notificationId }, { state }] = parseRequest(
      [notificationPathParams, c.req.param()],
      [updateNotificationBody, await jsonObject(c)],
    );
    const { db } = c.get('services');
    await assertCustomerOfTenant(db, c.get('tenant').id, userId);
    const row = await setNotificationState(db, { customerId: userId, notificationId, state });
    if (!row) throw new ApiError('not_found', 'Notification not found');
    return c.json([presentNotification(row)]);
  });
}
