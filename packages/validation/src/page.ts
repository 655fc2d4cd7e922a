import { z } from 'zod';

/**
 * The paging convention of every `/v2` and `/admin` list: `limit` rows (1 to PAGE_MAX_LIMIT, default
 * PAGE_DEFAULT_LIMIT) after the opaque cursor `after`, in a fixed keyset order. The cursor is the
 * base64url of the last row's sort key, tagged with its list, so that a cursor of one list is refused
 * by another. Every value of a decoded cursor fits its column, so a forged one is a 400, never a
 * failed cast in PostgreSQL (a 19-digit id once overflowed bigint there).
 */
export const PAGE_DEFAULT_LIMIT = 50;
export const PAGE_MAX_LIMIT = 100;

/**
 * What a sort key is made of: a bigint id, a uuid, a time as epoch microseconds (created_at has
 * microseconds, which a JavaScript Date would round away), or a short text (a tenant name).
 */
export type CursorPart = 'bigint' | 'uuid' | 'micros' | 'text';

const MAX_BIGINT = 9_223_372_036_854_775_807n;
/** 9999-12-31T23:59:59.999999Z: later times come from no row, and would strain the interval arithmetic. */
const MAX_MICROS = 253_402_300_799_999_999n;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DIGITS = /^(0|[1-9]\d{0,18})$/;
/** Long enough for a list name, a micros value, a uuid and a 255-character text, in base64url. */
const MAX_CURSOR_LENGTH = 512;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const PART_CHECKS: Record<CursorPart, (value: string) => boolean> = {
  bigint: (v) => DIGITS.test(v) && BigInt(v) <= MAX_BIGINT,
  micros: (v) => DIGITS.test(v) && BigInt(v) <= MAX_MICROS,
  uuid: (v) => UUID.test(v),
  // No control characters: PostgreSQL refuses NUL in text.
  text: (v) => v.length >= 1 && v.length <= 255 && !Array.from(v).some((ch) => ch.charCodeAt(0) < 0x20),
};

type Values<P extends readonly CursorPart[]> = { [K in keyof P]: string };

export interface CursorCodec<P extends readonly CursorPart[]> {
  readonly list: string;
  encode(values: Values<P>): string;
  /** The sort key, or undefined when the text is not a cursor this list issued. */
  decode(text: string): Values<P> | undefined;
}

/** The one cursor format of the API, for the list `list` ordered by the parts `parts`. */
export function cursorCodec<const P extends readonly CursorPart[]>(list: string, parts: P): CursorCodec<P> {
  return {
    list,
    encode: (values) => Buffer.from(JSON.stringify([list, ...values]), 'utf8').toString('base64url'),
    decode(text) {
      if (text.length > MAX_CURSOR_LENGTH || !BASE64URL.test(text)) return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      } catch {
        return undefined;
      }
      if (!Array.isArray(parsed) || parsed.length !== parts.length + 1 || parsed[0] !== list)
        return undefined;
      const values = parsed.slice(1);
      const fits = values.every((v, i) => typeof v === 'string' && PART_CHECKS[parts[i] as CursorPart](v));
      return fits ? (values as Values<P>) : undefined;
    },
  };
}

/** Digits only (no `1e3`, no blanks, no `0x10`), so that `limit=` or `limit=abc` is a field error. */
export const pageLimit = z
  .string()
  .regex(/^\d{1,4}$/, { message: `must be an integer from 1 to ${PAGE_MAX_LIMIT}` })
  .transform(Number)
  .pipe(
    z
      .number()
      .min(1, { message: 'must be at least 1' })
      .max(PAGE_MAX_LIMIT, { message: `must be at most ${PAGE_MAX_LIMIT}` }),
  )
  .optional()
  .transform((limit) => limit ?? PAGE_DEFAULT_LIMIT)
  .meta({
    description: `Rows in the page: 1 to ${PAGE_MAX_LIMIT}, default ${PAGE_DEFAULT_LIMIT}`,
    example: '50',
  });

export const PAGE_CURSOR_MISMATCH = 'must be a cursor given by this list (its Link or X-Next-Cursor)';
export const PAGE_CURSOR_DESCRIPTION =
  'Opaque cursor: the `X-Next-Cursor` of the previous page (also in its `Link: <…>; rel="next"`); absent for the first page';

/** The `after` parameter of one list: its cursor, decoded, or a field error. */
export function pageCursor<const P extends readonly CursorPart[]>(codec: CursorCodec<P>) {
  return z
    .string()
    .transform((text, ctx): Values<P> => {
      const values = codec.decode(text);
      if (values) return values;
      ctx.addIssue({ code: 'custom', message: PAGE_CURSOR_MISMATCH });
      return z.NEVER;
    })
    .optional()
    .meta({ description: PAGE_CURSOR_DESCRIPTION });
}

/** The cursor of every list, each ordered by its sort key. */
export const CUSTOMERS_CURSOR = cursorCodec('customers', ['bigint']);
/** A customer's accounts, oldest first. */
export const ACCOUNTS_CURSOR = cursorCodec('accounts', ['bigint']);
export const WEBHOOK_SUBSCRIPTIONS_CURSOR = cursorCodec('webhook-subscriptions', ['micros', 'uuid']);
/** Newest first. */
export const WEBHOOK_DELIVERIES_CURSOR = cursorCodec('webhook-deliveries', ['bigint']);
export const BLACK_LIST_CURSOR = cursorCodec('black-list-entries', ['micros', 'uuid']);
export const API_KEYS_CURSOR = cursorCodec('api-keys', ['micros', 'uuid']);
export const TENANTS_CURSOR = cursorCodec('tenants', ['text']);

/** `?limit=&after=` of a list without filters. */
export function pageQuery<const P extends readonly CursorPart[]>(codec: CursorCodec<P>) {
  return z.strictObject({ limit: pageLimit, after: pageCursor(codec) });
}

/** The lists whose only parameters are the page's. */
export const listWebhookSubscriptionsQuery = pageQuery(WEBHOOK_SUBSCRIPTIONS_CURSOR);
export const listAccountsQuery = pageQuery(ACCOUNTS_CURSOR);
export const listApiKeysQuery = pageQuery(API_KEYS_CURSOR);
export const listTenantsQuery = pageQuery(TENANTS_CURSOR);
