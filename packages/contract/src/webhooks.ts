import { EVENT_TYPES } from '@wallet/domain';
import { z } from 'zod';

const dateTime = () => z.string().meta({ format: 'date-time', description: 'RFC 3339, UTC' });

export const WebhookSubscription = z
  .object({
    id: z.uuid(),
    url: z.string().meta({ format: 'uri' }),
    eventTypes: z.array(z.enum(EVENT_TYPES)),
    status: z.enum(['ACTIVE', 'PAUSED', 'CANCELLED']).meta({
      description:
        'PAUSED: deliveries accumulate and nothing is sent until it is ACTIVE again (PATCH); CANCELLED: attempts exhausted or 410, no new deliveries until reactivated',
    }),
    maxAttempts: z.number().int(),
    createdAt: dateTime(),
    cancelledAt: dateTime().nullable(),
    cancelReason: z.string().nullable(),
  })
  .meta({ id: 'WebhookSubscription' });

export const WebhookSubscriptionCreated = WebhookSubscription.extend({
  secret: z
    .string()
    .meta({ description: 'Signing secret (Standard Webhooks `whsec_...`); shown only in this answer' }),
}).meta({ id: 'WebhookSubscriptionCreated' });

export const WebhookSecretRotated = WebhookSubscriptionCreated.extend({
  secret: z.string().meta({
    description: 'The new signing secret (Standard Webhooks `whsec_...`); shown only in this answer',
  }),
  previousSecretExpiresAt: dateTime().nullable().meta({
    description:
      'Until then deliveries and test sends are signed with the previous secret too; null when the grace period is 0 (the previous secret no longer signs)',
  }),
}).meta({ id: 'WebhookSecretRotated' });

export const WebhookDeliveryAttempt = z
  .object({
    attempt: z.number().int(),
    attemptedAt: dateTime(),
    durationMs: z.number().int().nullable(),
    statusCode: z.number().int().nullable(),
    error: z.string().nullable(),
    responseBody: z.string().nullable(),
  })
  .meta({ id: 'WebhookDeliveryAttempt' });

export const WebhookDelivery = z
  .object({
    id: z.string(),
    eventId: z.string().meta({ example: 'EVT1358000' }),
    eventName: z.enum(EVENT_TYPES),
    accountId: z
      .string()
      .nullable()
      .meta({ description: 'The account of an Account.UPDATE; null for other types' }),
    replay: z.boolean(),
    status: z.enum(['PENDING', 'DELIVERED', 'FAILED', 'CANCELLED']),
    createdAt: dateTime(),
    nextAttemptAt: dateTime().nullable(),
    finishedAt: dateTime().nullable(),
    attempts: z.array(WebhookDeliveryAttempt),
  })
  .meta({ id: 'WebhookDelivery' });

export const WebhookTestResult = z
  .object({
    eventId: z.string().meta({ pattern: '^EVT0\\d{18}$', example: 'EVT0482913375016628410' }),
    delivered: z.boolean().meta({ description: 'The endpoint answered 200, the only success' }),
    attemptedAt: dateTime(),
    durationMs: z.number().int(),
    statusCode: z.number().int().nullable().meta({ description: 'null when no answer came (see error)' }),
    error: z
      .string()
      .nullable()
      .meta({ description: 'Timeout, connection error, or an address or port the SSRF guard refused' }),
    responseBody: z.string().nullable().meta({ description: 'First KiB of the answer' }),
  })
  .meta({ id: 'WebhookTestResult' });

export const WebhookRecoveryResult = z
  .object({
    queued: z
      .number()
      .int()
      .meta({ description: 'Deliveries this call queued (at most the limit, 1,000 by default)' }),
    hasMore: z.boolean().meta({
      description:
        'More stopped deliveries are left: send the same request again (what this call queued is not queued twice)',
    }),
    eventIds: z.array(z.string()).meta({
      description: 'The events queued, oldest delivery first: the order they go out in, per account',
    }),
  })
  .meta({
    id: 'WebhookRecoveryResult',
    example: { queued: 2, hasMore: false, eventIds: ['EVT1358004', 'EVT1358007'] },
  });
