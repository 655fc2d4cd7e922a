import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ZodType } from 'zod';
import { errorResponses, familyOfPath } from '../envelopes.js';

/** Who may call an operation: a tenant's API key, the admin token, or anyone. */
export type Access = 'partner' | 'admin' | 'public';

export interface Operation extends Omit<RouteConfig, 'responses' | 'security'> {
  access: Access;
  /** Error statuses the handler itself answers; those of the access (401, 429, 5xx) are added. */
  errors?: readonly number[];
  responses: RouteConfig['responses'];
}

const ACCESS_ERRORS: Record<Access, readonly number[]> = {
  partner: [401, 429, 500, 503],
  admin: [401, 429, 500, 503],
  public: [500],
};

const SECURITY: Record<Access, RouteConfig['security']> = {
  partner: [{ apiKey: [] }],
  admin: [{ adminToken: [] }],
  public: [],
};

/** Registers one operation with the security and the error envelope its path family implies. */
export function operation(registry: OpenAPIRegistry, op: Operation): void {
  const { access, errors = [], responses, ...rest } = op;
  const statuses = [...new Set([...errors, ...ACCESS_ERRORS[access]])].sort((a, b) => a - b);
  registry.registerPath({
    ...rest,
    security: SECURITY[access],
    responses: { ...responses, ...errorResponses(familyOfPath(op.path), statuses) },
  });
}

/** A JSON body or answer. */
export function json(schema: ZodType, description = 'JSON') {
  return { description, content: { 'application/json': { schema } } };
}

/** Body errors every JSON route can answer: field errors or bad JSON, too large, not JSON. */
export const BODY_ERRORS = [400, 413, 415] as const;
