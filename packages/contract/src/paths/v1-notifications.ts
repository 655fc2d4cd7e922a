import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { TENANT_NAME_PATTERN } from '@wallet/domain';
import { z } from 'zod';
import { Notification } from '../notifications.js';
import { listNotificationsQuery, updateNotificationBody } from '../request-bodies.js';
import { BODY_ERRORS, json, operation } from './operation.js';

const accountParams = z.object({
  tenantName: z
    .string()
    .meta({ pattern: TENANT_NAME_PATTERN.source, description: 'The name of the tenant (the caller’s own)' }),
  userId: z.string().meta({ pattern: '^[1-9]\\d{0,15}$', description: 'The customer id' }),
});
const tags = ['Notifications'];

export function registerNotificationPaths(registry: OpenAPIRegistry): void {
  operation(registry, {
    method: 'get',
    path: '/v1/{tenantName}/accounts/{userId}/notifications',
    operationId: 'listNotifications',
    summary: 'List account notifications',
    description: 'Seed 002: the latest notifications of the account.',
    tags,
    access: 'partner',
    request: { params: accountParams, query: listNotificationsQuery },
    responses: { 200: json(z.array(Notification), 'Successful operation') },
    errors: [400, 403, 404],
  });
  operation(registry, {
    method: 'put',
    path: '/v1/{tenantName}/accounts/{userId}/notifications/{notificationId}',
    operationId: 'updateNotification',
    summary: 'Update account notification',
    description: 'Seed 002: sets the state of one notification.',
    tags,
    access: 'partner',
    request: {
      params: accountParams.extend({ notificationId: z.string().meta({ pattern: '^\\d+$' }) }),
      body: json(updateNotificationBody),
    },
    responses: { 200: json(Notification, 'Successful operation') },
    errors: [...BODY_ERRORS, 403, 404],
  });
}
