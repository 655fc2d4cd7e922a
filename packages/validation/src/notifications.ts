import { NOTIFICATION_MESSAGE_TYPES, NOTIFICATION_STATES, NOTIFICATION_TYPES } from '@wallet/domain';
import { z } from 'zod';
import { parseNotificationFilter } from './notification-filter.js';
import {
  DEFAULT_NOTIFICATION_ORDER,
  decodeNotificationCursor,
  parseNotificationOrder,
} from './notification-order.js';
import { isCustomerId } from './primitives.js';

export * from './notification-filter.js';
export * from './notification-order.js';

export const NOTIFICATIONS_DEFAULT_LIMIT = 20;
export const NOTIFICATIONS_MAX_LIMIT = 100;

/** Digits only (no `1e3`, no blanks), so that `limit=` is an error rather than 0. */
const integer = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+$/, { message: `${name} must be an integer` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { message: `${name} must be at least ${min}` })
        .max(max, { message: `${name} must be at most ${max}` }),
    );

/** A grammar of ours: the parser's text says what is wrong. */
const grammar = <T>(parse: (text: string) => T | string) =>
  z.string().transform((text, ctx): T => {
    const parsed = parse(text);
    if (typeof parsed !== 'string') return parsed;
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  });

/** Path ids: numeric, below 2^53 so that they are exact JSON numbers. */
const idParam = (name: string) =>
  z.string().refine(isCustomerId, { message: `${name} must be a positive integer` });

export const notificationsPathParams = z.object({ tenantName: z.string(), userId: idParam('userId') });
export const notificationPathParams = notificationsPathParams.extend({
  notificationId: idParam('notificationId'),
});

/** `GET /v1/{tenantName}/accounts/{userId}/notifications` (seed 002), `after` being ours. */
export const listNotificationsQuery = z
  .strictObject({
    filter: grammar(parseNotificationFilter).optional(),
    limit: integer('limit', 1, NOTIFICATIONS_MAX_LIMIT).default(NOTIFICATIONS_DEFAULT_LIMIT),
    offset: integer('offset', 0, Number.MAX_SAFE_INTEGER).default(0),
    orderBy: grammar(parseNotificationOrder).default(DEFAULT_NOTIFICATION_ORDER),
    after: grammar(
      (text) => decodeNotificationCursor(text) ?? 'is not a cursor from X-Next-Cursor',
    ).optional(),
  })
  .superRefine((query, ctx) => {
    const { after, orderBy, offset } = query;
    if (after === undefined) return;
    if (offset > 0)
      ctx.addIssue({ code: 'custom', path: ['offset'], message: 'cannot be combined with after' });
    if (after.field !== orderBy.field || after.direction !== orderBy.direction) {
      ctx.addIssue({
        code: 'custom',
        path: ['after'],
        message: `was issued for orderBy=${after.field}:${after.direction}`,
      });
    }
  });
export type ListNotificationsQuery = z.output<typeof listNotificationsQuery>;

/** Missing is `required`; present but not an enum value (of any type) is `invalid`, listing the values. */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values);

/** `PUT /v1/{tenantName}/accounts/{userId}/notifications/{notificationId}` (seed 002). */
export const updateNotificationBody = z.strictObject({ state: oneOf(NOTIFICATION_STATES) });
export type UpdateNotificationBody = z.output<typeof updateNotificationBody>;

/** Shown to end users as a link: https only, so no `javascript:` or plain-text http. */
const link = z
  .string()
  .max(2048, { message: 'must be at most 2048 characters' })
  .pipe(z.url({ protocol: /^https$/, message: 'must be an absolute https URL' }));

/** `POST /v1/{tenantName}/accounts/{userId}/notifications`: a partner's own entry (ours, not the seed's). */
export const createNotificationBody = z
  .strictObject({
    messageType: oneOf(NOTIFICATION_MESSAGE_TYPES),
    type: oneOf(NOTIFICATION_TYPES),
    link: link.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.messageType === 'idnow_link' && body.link === undefined) {
      ctx.addIssue({
        code: 'invalid_type',
        expected: 'string',
        input: undefined,
        path: ['link'],
        message: 'is required for idnow_link',
      });
    }
  });
export type CreateNotificationBody = z.output<typeof createNotificationBody>;
