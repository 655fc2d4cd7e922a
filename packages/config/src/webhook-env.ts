import { DEFAULT_RETRY_DELAYS, retryDelaysValid } from '@wallet/webhooks';
import { z } from 'zod';
import { envBoolean, envInteger } from './primitives.js';

/**
 * The WEBHOOK_* variables that the API (its test send, its retry schedule check) and the dispatcher
 * both read: one definition, so that the two can never disagree about a default or a bound.
 */
export const sharedWebhookEnv = {
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: envBoolean.default(false),
  /** Deadline of one delivery attempt (the dispatcher's, and the API's test send). */
  WEBHOOK_TIMEOUT_MS: envInteger(50, 120_000).default(10_000),
  WEBHOOK_RETRY_DELAYS: z
    .string()
    .default(DEFAULT_RETRY_DELAYS)
    .refine(retryDelaysValid, 'must be comma-separated seconds'),
  /** `id:base64key,...` (32-byte AES-256-GCM keys) webhook secrets are encrypted with: the API seals, both open. */
  WEBHOOK_SECRET_KEYS: z.string().min(1).optional(),
  /** The key id new secrets are encrypted with; default the first of WEBHOOK_SECRET_KEYS. */
  WEBHOOK_SECRET_CURRENT_KEY_ID: z.string().min(1).optional(),
};
