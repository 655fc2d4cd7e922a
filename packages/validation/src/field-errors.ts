import { ApiError, type FieldError } from '@wallet/errors';
import type { z } from 'zod';

/** Custom issues carry both bounds so that seed 003 can report `context {minimum, maximum}`. */
export interface BoundsParams {
  bounds: { minimum: number; maximum: number };
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function toFieldError(issue: z.core.$ZodIssue): FieldError[] {
  const path = pathOf(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) {
        return [{ path, issue: 'required', message: 'must not be null' }];
      }
      return [{ path, issue: 'invalid', message: `must be ${issue.expected}` }];
    case 'too_small':
      return [{ path, issue: 'too_small', message: issue.message, minimum: Number(issue.minimum) }];
    case 'too_big':
      return [{ path, issue: 'too_big', message: issue.message, maximum: Number(issue.maximum) }];
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

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap(toFieldError);
}

/** Parses or throws a 400 `validation` ApiError with one entry per field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw ApiError.validation(toFieldErrors(result.error));
}
