import { EVENT_TYPES } from '@wallet/domain';
import { z } from 'zod';
import { rfc3339DateTime } from './primitives.js';

export const EVENTS_DEFAULT_LIMIT = 50;
export const EVENTS_MAX_LIMIT = 100;

/** Ids are bigint: a cursor naming a larger one could not have come from a row. */
const MAX_BIGINT = 9_223_372_036_854_775_807n;
const CURSOR = /^e1:([1-9]\d{0,18})$/;

/** Opaque to clients, as every cursor of the API: they pass back what `X-Next-Cursor` gave them. */
export function encodeEventCursor(rowId: string): string {
  return Buffer.from(`e1:${rowId}`).toString('base64url');
}

/** The log row id the cursor continues after (newest first: the next page has smaller ids). */
export function decodeEventCursor(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(text)) return undefined;
  const match = CURSOR.exec(Buffer.from(text, 'base64url').toString('latin1'));
  if (!match?.[1] || BigInt(match[1]) > MAX_BIGINT) return undefined;
  return match[1];
}

/** Digits only (no `1e3`, no blanks), so that `limit=` is an error rather than 0. */
const limit = z
  .string()
  .regex(/^\d+$/, { message: 'limit must be an integer' })
  .transform(Number)
  .pipe(
    z
      .number()
      .min(1, { message: 'limit must be at least 1' })
      .max(EVENTS_MAX_LIMIT, { message: `limit must be at most ${EVENTS_MAX_LIMIT}` }),
  );

const instant = () => rfc3339DateTime().transform((text) => new Date(text.toUpperCase()));

/**
 * `GET /v2/events`: newest first, `limit` a page, `after` the cursor of `X-Next-Cursor`, filtered by
 * `type` and by creation time (`createdAfter` inclusive, `createdBefore` exclusive).
 */
export const listEventsQuery = z
  .strictObject({
    limit: limit.default(EVENTS_DEFAULT_LIMIT),
    after: z
      .string()
      .transform((text, ctx) => {
        const id = decodeEventCursor(text);
        if (id !== undefined) return id;
        ctx.addIssue({ code: 'custom', message: 'is not a cursor from X-Next-Cursor' });
        return z.NEVER;
      })
      .optional(),
    type: z.enum(EVENT_TYPES).optional(),
    createdAfter: instant().optional(),
    createdBefore: instant().optional(),
  })
  .superRefine((query, ctx) => {
    if (query.createdAfter && query.createdBefore && query.createdAfter >= query.createdBefore) {
      ctx.addIssue({ code: 'custom', path: ['createdBefore'], message: 'must be later than createdAfter' });
    }
  });
export type ListEventsQuery = z.output<typeof listEventsQuery>;
