import { EVENT_TYPES } from '@wallet/domain';
import { z } from 'zod';
import { canonicalDateTime } from './change-notifications.js';
import { pageCursor, pageLimit, WEBHOOK_DELIVERIES_CURSOR } from './page.js';

/** Event types a webhook subscription may name: every type of the event log (@wallet/domain). */
export const WEBHOOK_SUBSCRIPTION_EVENT_TYPES = EVENT_TYPES;

/** Event ids, as recorded: `EVT` and a sequence number (one sequence for every event type). */
export const WEBHOOK_EVENT_ID_PATTERN = /^EVT\d{1,19}$/;

/** Why a URL cannot be a webhook endpoint, before any resolution; undefined if it can. */
export function webhookUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  // Credentials would be shown back on every GET and logged by proxies on the way.
  if (url.username || url.password) return 'must not contain credentials';
  return undefined;
}

/** `POST /v2/webhook-subscriptions`. Whether the host may be reached is checked by the route. */
export const createWebhookSubscriptionBody = z.strictObject({
  url: z
    .string()
    .min(1)
    .max(2048)
    .superRefine((value, ctx) => {
      const problem = webhookUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  eventTypes: z
    .array(z.enum(WEBHOOK_SUBSCRIPTION_EVENT_TYPES))
    .min(1)
    .max(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.length * 4)
    .transform((types) => [...new Set(types)].sort()),
  maxAttempts: z.number().int().min(1).max(20).optional(),
});
export type CreateWebhookSubscriptionBody = z.output<typeof createWebhookSubscriptionBody>;

/** `GET /v2/webhook-subscriptions/{id}/deliveries`: newest first. */
export const listWebhookDeliveriesQuery = z.strictObject({
  limit: pageLimit,
  after: pageCursor(WEBHOOK_DELIVERIES_CURSOR),
  eventId: z
    .string()
    .regex(WEBHOOK_EVENT_ID_PATTERN, { message: 'must be an event id like EVT1358000' })
    .optional(),
});

/**
 * `PATCH /v2/webhook-subscriptions/{id}`: any of url, eventTypes, maxAttempts, and `status` to pause
 * (`PAUSED`) or resume (`ACTIVE`). A cancelled subscription is made ACTIVE by `.../reactivate`, not here.
 */
export const updateWebhookSubscriptionBody = z
  .strictObject({
    url: createWebhookSubscriptionBody.shape.url.optional(),
    eventTypes: createWebhookSubscriptionBody.shape.eventTypes.optional(),
    maxAttempts: z.number().int().min(1).max(20).optional(),
    status: z.enum(['ACTIVE', 'PAUSED']).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'send url, eventTypes, maxAttempts or status',
  });
export type UpdateWebhookSubscriptionBody = z.output<typeof updateWebhookSubscriptionBody>;

/** Most deliveries one `POST .../recover` queues (RECOVER_MAX_PER_CALL of @wallet/core). */
export const WEBHOOK_RECOVER_MAX_LIMIT = 1000;

/**
 * `POST /v2/webhook-subscriptions/{id}/recover`: replay the stopped deliveries made since `since`
 * (RFC 3339, kept to the microsecond), at most `limit` per call.
 */
export const recoverWebhookDeliveriesBody = z.strictObject({
  since: z.string().transform((value, ctx) => {
    const canonical = canonicalDateTime(value);
    if (canonical !== undefined) return canonical;
    ctx.addIssue({
      code: 'custom',
      message: 'must be an RFC 3339 date-time (section 5.6), e.g. 2024-07-29T15:51:28Z',
    });
    return z.NEVER;
  }),
  limit: z.number().int().min(1).max(WEBHOOK_RECOVER_MAX_LIMIT).optional(),
});
export type RecoverWebhookDeliveriesBody = z.output<typeof recoverWebhookDeliveriesBody>;

/** The longest grace period a rotation may ask for (30 days). */
export const MAX_SECRET_GRACE_SECONDS = 30 * 86_400;

/**
 * `POST /v2/webhook-subscriptions/{id}/rotate-secret`, optional: how long the previous secret still
 * signs; 0 stops it at once (a leaked secret). Absent: the operator's WEBHOOK_SECRET_GRACE_SECONDS.
 */
export const rotateWebhookSecretBody = z.strictObject({
  graceSeconds: z.number().int().min(0).max(MAX_SECRET_GRACE_SECONDS).optional().meta({
    description:
      'Seconds the previous secret still signs; 0 stops it now. Default WEBHOOK_SECRET_GRACE_SECONDS (24 h)',
  }),
});
export type RotateWebhookSecretBody = z.output<typeof rotateWebhookSecretBody>;
