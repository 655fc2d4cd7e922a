import { NOTIFICATION_MESSAGE_TYPES, NOTIFICATION_STATES, NOTIFICATION_TYPES } from '@wallet/domain';
import { z } from 'zod';

/** Seed 002's notification: ids are numbers, createdAt and updatedAt epoch milliseconds. */
export const Notification = z
  .object({
    createdAt: z.number().meta({ description: 'Epoch milliseconds' }),
    id: z.number().meta({ example: 42 }),
    link: z.string().optional(),
    messageType: z.enum(NOTIFICATION_MESSAGE_TYPES),
    state: z.enum(NOTIFICATION_STATES),
    type: z.enum(NOTIFICATION_TYPES),
    updatedAt: z.number().meta({ description: 'Epoch milliseconds' }),
    userId: z.number().meta({ description: 'The customer id, as a number', example: 10040500 }),
  })
  .meta({ id: 'Notification', description: 'An entry of an account’s notification feed (seed 002)' });
