import { isCustomerOfTenant } from '@wallet/core';
import type { Database } from '@wallet/db';
import { ApiError, type FieldError } from '@wallet/errors';
import { parseFields } from '@wallet/validation';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AppEnv } from '../context.js';

/** A schema and what it reads (path params, query or body). */
type Part<S extends z.ZodType> = readonly [S, unknown];

function fieldErrors(part: Part<z.ZodType>): FieldError[] {
  const result = parseFields(part[0], part[1]);
  return result.success ? [] : result.errors;
}

/** Parses path and query (or body) together: one 400 lists every bad parameter of the request. */
export function parseRequest<A extends z.ZodType, B extends z.ZodType>(
  first: Part<A>,
  second: Part<B>,
  earlier: FieldError[] = [],
): [z.output<A>, z.output<B>] {
  const errors = [...earlier, ...fieldErrors(first), ...fieldErrors(second)];
  if (errors.length > 0) throw ApiError.validation(errors);
  return [first[0].parse(first[1]), second[0].parse(second[1])];
}

/** `tenantName` must be the caller's own tenant: another tenant's name is 403, before anything is read. */
export function assertOwnTenant(c: Context<AppEnv>): void {
  if (c.req.param('tenantName') !== c.get('tenant').name) {
    throw new ApiError('forbidden', 'tenantName is not the tenant of this API key');
  }
}

/** 404 unless userId is a customer of the caller's tenant. */
export async function assertCustomerOfTenant(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<void> {
  if (!(await isCustomerOfTenant(db, tenantId, userId))) throw new ApiError('not_found', 'Account not found');
}

/** The query's values; a parameter given more than once (`limit=1&limit=2`) is an error of its own. */
export function singleQueryValues(c: Context<AppEnv>): {
  query: Record<string, string>;
  repeated: FieldError[];
} {
  const query: Record<string, string> = {};
  const repeated: FieldError[] = [];
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (values.length > 1)
      repeated.push({ path: name, issue: 'invalid', message: `${name} must be given once` });
    else query[name] = values[0] ?? '';
  }
  return { query, repeated };
}
