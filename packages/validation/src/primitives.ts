import currencyCodes from 'currency-codes';
import { z } from 'zod';

/**
 * RFC 3339 section 5.6 date-time: a full date, a full time and an offset (`Z` or `±hh:mm`).
 * The regex alone accepts 2021-02-30, so the calendar is checked too.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

export function isRfc3339DateTime(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  if (month! < 1 || month! > 12 || hour! > 23 || minute! > 59 || second! > 60) return false;
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (day! < 1 || day! > daysInMonth) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return !Number.isNaN(Date.parse(value.toUpperCase()));
}

export const rfc3339DateTime = () =>
  z
    .string()
    .refine(isRfc3339DateTime, { message: 'must be an RFC 3339 date-time, e.g. 2024-07-29T15:51:28Z' });

/**
 * ISO 4217 alphabetic code, checked against the maintained `currency-codes` list. Codes are taken in
 * any case and stored in upper case (`eur` is `EUR`), like every ISO code of the API.
 */
export const currencyCode = () =>
  z
    .string()
    .length(3, { message: 'must be an ISO 4217 alphabetic code of 3 letters' })
    .refine((code) => /^[A-Za-z]{3}$/.test(code) && currencyCodes.code(code.toUpperCase()) !== undefined, {
      message: 'must be an ISO 4217 currency code',
    })
    .transform((code) => code.toUpperCase());

/** Customer ids are numeric strings of at most 20 characters that fit a JSON number exactly. */
export const CUSTOMER_ID_PATTERN = /^[1-9]\d{0,15}$/;

export function isCustomerId(value: string): boolean {
  return CUSTOMER_ID_PATTERN.test(value) && Number(value) <= Number.MAX_SAFE_INTEGER;
}

export const uuid = () => z.uuid({ message: 'must be a UUID' });
