import { NOTIFICATION_STATES } from '@wallet/domain';
import { z } from 'zod';

/** `GET /v1/{tenantName}/accounts/{userId}/notifications` (seed 002). */
export const listNotificationsQuery = z.strictObject({
  filter: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  orderBy: z.string().optional(),
});

/** `PUT /v1/{tenantName}/accounts/{userId}/notifications/{notificationId}` (seed 002). */
export const updateNotificationBody = z
  .strictObject({ state: z.enum(NOTIFICATION_STATES) })
  .meta({ id: 'UpdateNotificationRequest' });
