import type { ListBirthdate } from './types.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// OFAC writes "circa" for an approximate year; one year either side is the span we accept for it.
const CIRCA_YEARS = 1;

interface DaySpan {
  from: string;
  to: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `04 Jul 1961`, `Jul 1961`, `04 October 1961` or `1961` as the span of days it covers. */
function parseDatePart(part: string): DaySpan | undefined {
  const m = /^(?:(\d{1,2}) )?(?:([A-Za-z]{3,9})\.? )?(\d{4})$/.exec(part.trim());
  if (!m) return undefined;
  const year = Number(m[3]);
  const month = m[2] === undefined ? 0 : MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1;
  if (m[2] !== undefined && month === 0) return undefined;
  if (month === 0) return m[1] === undefined ? { from: `${year}-01-01`, to: `${year}-12-31` } : undefined;
  const prefix = `${year}-${pad(month)}`;
  if (m[1] === undefined) return { from: `${prefix}-01`, to: `${prefix}-${pad(lastDay(year, month))}` };
  const day = Number(m[1]);
  if (day < 1 || day > lastDay(year, month)) return undefined;
  return { from: `${prefix}-${pad(day)}`, to: `${prefix}-${pad(day)}` };
}

const shiftYear = (iso: string, years: number): string =>
  `${pad(Number(iso.slice(0, 4)) + years, 4)}${iso.slice(4)}`;

/** One DOB value: a date, `circa <date>`, `<date> to <date>` or `1979-1982`. */
export function parseBirthdateText(text: string): ListBirthdate | undefined {
  const clean = text.trim().replace(/\.$/, '');
  const circa = /^circa\s+/i.test(clean);
  const body = clean.replace(/^circa\s+/i, '');
  const range = /^(.+?)\s*(?:\bto\b|-)\s*(.+)$/.exec(body);
  let span: DaySpan | undefined;
  if (range?.[1] && range[2]) {
    const first = parseDatePart(range[1]);
    const last = parseDatePart(range[2]);
    span = first && last && first.from <= last.to ? { from: first.from, to: last.to } : undefined;
  } else {
    span = parseDatePart(body);
  }
  if (!span) return undefined;
  if (circa) span = { from: shiftYear(span.from, -CIRCA_YEARS), to: shiftYear(span.to, CIRCA_YEARS) };
  return { text: clean, from: span.from, to: span.to, exact: !circa && span.from === span.to };
}

/**
 * The birthdates in an OFAC Remarks field: `DOB 04 Jul 1961; alt. DOB 1962; POB ...`.
 * Values it cannot read are skipped rather than guessed.
 */
export function parseRemarksBirthdates(remarks: string): ListBirthdate[] {
  const found: ListBirthdate[] = [];
  for (const segment of remarks.split(';')) {
    const m = /^\s*(?:alt\.\s*)?DOB\b:?\s*(.+)$/i.exec(segment);
    const parsed = m?.[1] ? parseBirthdateText(m[1]) : undefined;
    if (parsed && !found.some((b) => b.from === parsed.from && b.to === parsed.to)) found.push(parsed);
  }
  return found;
}

/** Validates a query birthdate: a real calendar day written YYYY-MM-DD. */
export function parseQueryBirthdate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || month < 1 || month > 12 || day < 1 || day > lastDay(year, month)) {
    throw new RangeError(`birthdate must be a calendar day written YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** The first of `birthdates` whose span holds `day` (YYYY-MM-DD). */
export function findBirthdate(birthdates: readonly ListBirthdate[], day: string): ListBirthdate | undefined {
  return birthdates.find((b) => b.from <= day && day <= b.to);
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** Days between `day` and the nearest of `birthdates`' spans (0 inside one); Infinity for none. */
export function birthdateDistanceDays(birthdates: readonly ListBirthdate[], day: string): number {
  const at = dayNumber(day);
  let nearest = Number.POSITIVE_INFINITY;
  for (const b of birthdates) {
    const from = dayNumber(b.from);
    const to = dayNumber(b.to);
    nearest = Math.min(nearest, at < from ? from - at : at > to ? at - to : 0);
  }
  return nearest;
}
