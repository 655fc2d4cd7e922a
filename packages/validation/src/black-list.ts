import { z } from 'zod';
import { isValidBirthDate } from './update-account.js';

/** `POST /v2/black-list-entries`: one name on the tenant's own black list (hitType BL). */
export const createBlackListEntryBody = z.strictObject({
  subject: z.enum(['PERSON', 'COMPANY']),
  name: z.string().trim().min(2).max(200),
  birthdate: z
    .string()
    .refine((v) => isValidBirthDate(v), {
      message: 'must be a real date YYYY-MM-DD from 1900-01-01 to today',
    })
    .meta({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' })
    .optional(),
});
export type CreateBlackListEntryBody = z.output<typeof createBlackListEntryBody>;

/** `GET /v2/black-list-entries?limit=&after=`: a page in creation order after the entry `after`. */
export const blackListPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.uuid().optional(),
});
