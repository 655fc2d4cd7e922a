import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  NOTIFICATION_MESSAGE_TYPES,
  NOTIFICATION_STATES,
  NOTIFICATION_TYPES,
  TENANT_NAME_PATTERN,
} from '@wallet/domain';
import {
  createNotificationBody,
  listNotificationsQuery,
  NOTIFICATIONS_DEFAULT_LIMIT,
  NOTIFICATIONS_MAX_LIMIT,
  notificationPathParams,
  notificationsPathParams,
  updateNotificationBody,
} from '@wallet/validation';
import { z } from 'zod';
import { annotate } from '../annotate.js';
import { Notification } from '../notifications.js';
import { BODY_ERRORS, json, operation } from './operation.js';

/** Seed 002's numeric path ids (positive, below 2^53 so that they are exact JSON numbers). */
const ID = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };
const pathMeta = {
  tenantName: {
    pattern: TENANT_NAME_PATTERN.source,
    description: 'The name of the tenant (the caller’s own)',
  },
  userId: { ...ID, description: 'The customer id', example: 10040500 },
};
const listParams = annotate(notificationsPathParams, pathMeta);
const itemParams = annotate(notificationPathParams, { ...pathMeta, notificationId: { ...ID, example: 42 } });
const listQuery = annotate(listNotificationsQuery, {
  filter: { example: 'state:UNSEEN,type:ERROR|WARNING' },
  limit: {
    type: 'integer',
    minimum: 1,
    maximum: NOTIFICATIONS_MAX_LIMIT,
    default: NOTIFICATIONS_DEFAULT_LIMIT,
  },
  offset: { type: 'integer', minimum: 0, default: 0 },
  orderBy: { pattern: '^(createdAt|updatedAt|id)(:(asc|desc))?$', default: 'createdAt:desc' },
  after: { description: 'Keyset cursor: the X-Next-Cursor of the previous page' },
});
const updateBody = annotate(updateNotificationBody, { state: { enum: NOTIFICATION_STATES } }).meta({
  id: 'UpdateNotificationRequest',
});
const createBody = annotate(createNotificationBody, {
  messageType: { enum: NOTIFICATION_MESSAGE_TYPES },
  type: { enum: NOTIFICATION_TYPES },
  link: { format: 'uri', description: 'https only; required for idnow_link' },
}).meta({ id: 'CreateNotificationRequest' });
const tags = ['Notifications'];

const LIST_DESCRIPTION = `Seed 002: the latest notifications of the account.
- \`filter\`: \`field:value[|value...][,field:value...]\` over \`state\`, \`type\` and \`messageType\`; a comma is AND,
  a bar is OR within a field, e.g. \`state:UNSEEN,type:ERROR|WARNING\`.
- \`orderBy\`: \`createdAt\`, \`updatedAt\` or \`id\`, then \`:asc\` or \`:desc\` (default \`createdAt:desc\`); ties by id.
- \`after\`: a keyset cursor, the \`X-Next-Cursor\` of the previous page (same \`orderBy\`, no \`offset\`).`;

const listHeaders = {
  'X-Total-Count': {
    description: 'Notifications matching the filter (the unseen count with state:UNSEEN)',
    schema: { type: 'integer' as const },
  },
  'X-Next-Cursor': {
    description: 'Present when the page is full: pass it as `after` for the next page',
    schema: { type: 'string' as const },
  },
};

export function registerNotificationPaths(registry: OpenAPIRegistry): void {
  operation(registry, {
    method: 'get',
    path: '/v1/{tenantName}/accounts/{userId}/notifications',
    operationId: 'listNotifications',
    summary: 'List account notifications',
    description: LIST_DESCRIPTION,
    tags,
    access: 'partner',
    request: { params: listParams, query: listQuery },
    responses: { 200: { ...json(z.array(Notification), 'Successful operation'), headers: listHeaders } },
    errors: [400, 403, 404],
  });
  operation(registry, {
    method: 'post',
    path: '/v1/{tenantName}/accounts/{userId}/notifications',
    operationId: 'createNotification',
    idempotent: true,
    summary: 'Add an account notification',
    description: 'Not in seed 002: a partner adds an UNSEEN entry of a seed message type (e.g. idnow_link).',
    tags,
    access: 'partner',
    request: { params: listParams, body: json(createBody) },
    responses: { 201: json(z.array(Notification), 'The created notification, in an array like PUT') },
    errors: [...BODY_ERRORS, 403, 404],
  });
  operation(registry, {
    method: 'put',
    path: '/v1/{tenantName}/accounts/{userId}/notifications/{notificationId}',
    operationId: 'updateNotification',
    summary: 'Update account notification',
    description: 'Seed 002: sets the state of one notification; updatedAt moves only when the state changes.',
    tags,
    access: 'partner',
    request: { params: itemParams, body: json(updateBody) },
    responses: { 200: json(z.array(Notification), 'Successful operation') },
    errors: [...BODY_ERRORS, 403, 404],
  });
}
