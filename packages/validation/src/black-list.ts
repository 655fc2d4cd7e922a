import { z } from 'zod';
import { BLACK_LIST_CURSOR, PAGE_CURSOR_DESCRIPTION, PAGE_CURSOR_MISMATCH, pageLimit } from './page.js';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /v2/black-list-entries?limit=&after=`: a page in creation order. `after` is the list's cursor;
 * an entry id (what the Link of earlier versions carried) is still taken, so that a client that kept
 * one goes on working: it must be an entry of the tenant (404 otherwise).
 */
export const blackListPageQuery = z.strictObject({
  limit: pageLimit,
  after: z
    .string()
    .transform((text, ctx): { entryId: string } | { key: readonly [string, string] } => {
      if (UUID.test(text)) return { entryId: text.toLowerCase() };
      const key = BLACK_LIST_CURSOR.decode(text);
      if (key) return { key };
      ctx.addIssue({ code: 'custom', message: PAGE_CURSOR_MISMATCH });
      return z.NEVER;
    })
    .optional()
    .meta({ description: PAGE_CURSOR_DESCRIPTION }),
});
