import { ApiError } from '@wallet/errors';
import { parseOrThrow } from '@wallet/validation';
import type { Context } from 'hono';
import type { z } from 'zod';

/** Reads a JSON body: 415 for another media type, 400 for malformed JSON, then the schema's 400. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return parseOrThrow(schema, await jsonObject(c));
}

/** Reads a JSON object body, for routes whose parsing goes beyond one schema. */
export async function jsonObject(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type');
  if (type !== undefined && !/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiError('unsupported_media_type', 'Content-Type must be application/json');
  }
  const text = await c.req.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError('malformed_body', 'Request body is not valid JSON');
  }
  if (parsed === undefined || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ApiError('malformed_body', 'Request body must be a JSON object');
  }
  const nulPaths = pathsWithNul(parsed, '');
  if (nulPaths.length > 0) {
    throw ApiError.validation(
      nulPaths.map((path) => ({
        path,
        issue: 'invalid' as const,
        message: 'must not contain NUL characters',
      })),
    );
  }
  return parsed as Record<string, unknown>;
}

/** PostgreSQL text cannot hold U+0000, so such strings are refused before any rule or query sees them. */
function pathsWithNul(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => pathsWithNul(inner, path ? `${path}.${key}` : key));
}
