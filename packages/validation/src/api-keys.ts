import { z } from 'zod';
import { isRfc3339DateTime } from './primitives.js';

/** `POST /v2/api-keys` and `POST /admin/tenants/{tenantName}/api-keys`. */
export const createApiKeyBody = z.strictObject({
  label: z.string().min(1).max(100).optional(),
  expiresAt: z
    .string()
    .refine(isRfc3339DateTime, { message: 'must be an RFC 3339 date-time, e.g. 2024-07-29T15:51:28Z' })
    .refine((v) => Date.parse(v.toUpperCase()) > Date.now(), { message: 'must be in the future' })
    .optional(),
});
export type CreateApiKeyBody = z.output<typeof createApiKeyBody>;
