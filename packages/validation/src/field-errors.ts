import { ApiError, type FieldError } from '@wallet/errors';
import type { z } from 'zod';

/** Custom issues carry both bounds so that seed 003 can report `context {minimum, maximum}`. */
export interface BoundsParams {
  bounds: { minimum: number; maximum: number };
}

/** Seed 000's text for a required field that is absent (or null). */
export const REQUIRED_MESSAGE = 'must not be null';

function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Absent or null. Needs `reportInput: true`: without it zod drops every issue's input. */
function isMissing(issue: z.core.$ZodIssue): boolean {
  return !('input' in issue) || issue.input === undefined || issue.input === null;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  // A z.record (a map of names to values) is a JSON object on the wire.
  record: 'an object',
};

/** zod's own texts ("Too small: expected string to have >=1 characters") in the words of our routes. */
function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  if (!/^Too (small|big)/.test(issue.message)) return issue.message; // a schema's own message
  const least = issue.code === 'too_small';
  const bound = least ? issue.minimum : issue.maximum;
  const word = least ? 'at least' : 'at most';
  if (issue.origin === 'string') return `must be ${word} ${bound} characters long`;
  if (issue.origin === 'array' || issue.origin === 'set') return `must have ${word} ${bound} items`;
  return `must be ${word} ${bound}`;
}

function toFieldError(issue: z.core.$ZodIssue): FieldError[] {
  const path = pathOf(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (isMissing(issue)) return [{ path, issue: 'required', message: REQUIRED_MESSAGE }];
      return [{ path, issue: 'invalid', message: `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}` }];
    case 'invalid_value': {
      if (isMissing(issue)) return [{ path, issue: 'required', message: REQUIRED_MESSAGE }];
      const listed = `must be one of: ${issue.values.map(String).join(', ')}`;
      const message = /^Invalid (option|input)/.test(issue.message) ? listed : issue.message;
      return [{ path, issue: 'invalid', message }];
    }
    case 'too_small':
      return [{ path, issue: 'too_small', message: sizeMessage(issue), minimum: Number(issue.minimum) }];
    case 'too_big':
      return [{ path, issue: 'too_big', message: sizeMessage(issue), maximum: Number(issue.maximum) }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        issue: 'unknown_field' as const,
        message: 'unknown field',
      }));
    case 'custom': {
      const params = issue.params as Partial<BoundsParams> | undefined;
      if (params?.bounds) {
        return [{ path, issue: 'out_of_bounds', message: issue.message, ...params.bounds }];
      }
      return [{ path, issue: 'invalid', message: issue.message }];
    }
    default:
      return [{ path, issue: 'invalid', message: issue.message }];
  }
}

/**
 * Which error a property keeps when several rules fail: being absent or of the wrong type first, then
 * the rule that names what the value must be (a code, a format), then its length. `"DE"` for an
 * alpha-3 countryCode is told it must be an alpha-3 code, not that it is one character short.
 */
function rank(error: FieldError): number {
  switch (error.issue) {
    case 'required':
    case 'unknown_field':
      return 0;
    case 'invalid':
      return 1;
    default:
      return 2;
  }
}

/** One error per property: the most specific (see rank), the first of equals. */
export function onePerProperty(errors: FieldError[]): FieldError[] {
  const kept = new Map<string, FieldError>();
  for (const error of errors) {
    const earlier = kept.get(error.path);
    if (earlier === undefined || rank(error) < rank(earlier)) kept.set(error.path, error);
  }
  return errors.filter((error) => kept.get(error.path) === error);
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return onePerProperty(error.issues.flatMap(toFieldError));
}

export type FieldsResult<T> = { success: true; data: T } | { success: false; errors: FieldError[] };

/**
 * Parses with `reportInput`, so that a wrong type (`"city": 12345`) is told apart from an absent
 * field, and answers the field errors (one per property).
 */
export function parseFields<S extends z.ZodType>(schema: S, input: unknown): FieldsResult<z.output<S>> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { success: true, data: result.data };
  return { success: false, errors: toFieldErrors(result.error) };
}

/** Parses or throws a 400 `validation` ApiError with one entry per field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = parseFields(schema, input);
  if (result.success) return result.data;
  throw ApiError.validation(result.errors);
}

/**
 * A JSON body with its `null` properties removed, at every depth: partners' serialisers write `null`
 * for an empty optional field, which then counts as absent (a required one is still "must not be
 * null"). Elements of arrays are kept as they are (`[null]` is an error of that element).
 */
export function withoutNullProperties(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullProperties);
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines each key as data, so a `__proto__` key stays a key (and is refused as unknown).
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, inner]) => inner !== null)
      .map(([key, inner]) => [key, withoutNullProperties(inner)]),
  );
}
