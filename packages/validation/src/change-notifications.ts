import { CHANGE_TYPES } from '@wallet/domain';
import { z } from 'zod';
import { isRfc3339DateTime } from './primitives.js';

/** A changeTime this far ahead of our clock is a clock skew; further ahead it is a mistake. */
export const CHANGE_TIME_MAX_FUTURE_MS = 5 * 60_000;

const FRACTION = /\.(\d+)/;

/**
 * An RFC 3339 date-time as a canonical UTC string that PostgreSQL accepts as it is: offsets that
 * PostgreSQL refuses (beyond ±15:59) are applied here, and the sender's digits past milliseconds are
 * kept, to microseconds (timestamptz's precision). Undefined when not RFC 3339 or outside years 1-9999.
 */
export function canonicalDateTime(value: string): string | undefined {
  if (!isRfc3339DateTime(value)) return undefined;
  const ms = Date.parse(value.toUpperCase());
  const iso = new Date(ms).toISOString();
  if (!/^\d{4}-/.test(iso) || iso.startsWith('0000')) return undefined;
  const micros = (FRACTION.exec(value)?.[1] ?? '').slice(3, 6).padEnd(3, '0');
  return `${iso.slice(0, 23)}${micros}Z`;
}

const changeType = z.enum(CHANGE_TYPES, {
  error: (issue) =>
    issue.input === undefined || issue.input === null
      ? 'must not be null'
      : `must be one of: ${CHANGE_TYPES.join(', ')}`,
});

/**
 * Typed by hand rather than with z.string(): a zod issue does not keep its input, so a number would
 * be reported as missing ("must not be null") instead of as the wrong type.
 */
const changeTime = z.unknown().transform((value, ctx) => {
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (value === undefined || value === null) return fail('must not be null');
  if (typeof value !== 'string') return fail('must be a string');
  const canonical = canonicalDateTime(value);
  if (canonical === undefined) {
    return fail('must be an RFC 3339 date-time (section 5.6), e.g. 2024-07-29T15:51:28Z');
  }
  if (Date.parse(canonical) > Date.now() + CHANGE_TIME_MAX_FUTURE_MS)
    return fail('must not be in the future');
  return canonical;
});

/** `POST /v2/customer-persons/{customerId}/change-notifications` (seed 000). */
export const changeNotificationBody = z.strictObject({ changeType, changeTime });
export type ChangeNotificationBody = z.output<typeof changeNotificationBody>;

/** The optional `Idempotency-Key` header: visible ASCII, as most payment APIs take it. */
export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, { message: 'must be 1-255 visible ASCII characters' })
  .optional();
