import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { familyOf } from '@wallet/errors';
import { idempotencyKeyHeader } from '@wallet/validation';
import { type ZodType, z } from 'zod';
import { errorResponses } from '../envelopes.js';

/** Who may call an operation: a tenant's API key, the admin token, a partner bank's signature, or anyone. */
type Access = 'partner' | 'admin' | 'issuer' | 'public';

export interface Operation extends Omit<RouteConfig, 'responses' | 'security'> {
  access: Access;
  /** Error statuses the handler itself answers; those of the access (401, 429, 5xx) are added. */
  errors?: readonly number[];
  responses: RouteConfig['responses'];
  /** Takes an `Idempotency-Key` header: adds the header, 409 and the `Idempotent-Replayed` answer header. */
  idempotent?: boolean;
}

const IDEMPOTENCY =
  'With an `Idempotency-Key` header (per tenant), the same key with the same method, path and body ' +
  'within 24 h answers the first answer again, with `Idempotent-Replayed: true`, and creates nothing; ' +
  'the same key with another request, or while its first request is still running, is 409.';

const ACCESS_ERRORS: Record<Access, readonly number[]> = {
  partner: [401, 429, 500, 503],
  admin: [401, 429, 500, 503],
  issuer: [401, 500, 503],
  public: [500],
};

const SECURITY: Record<Access, RouteConfig['security']> = {
  partner: [{ apiKey: [] }],
  admin: [{ adminToken: [] }],
  issuer: [{ issuerSignature: [] }],
  public: [],
};

/** Registers one operation with the security and the error envelope its path family implies. */
export function operation(registry: OpenAPIRegistry, op: Operation): void {
  const { access, errors = [], responses, idempotent = false, ...rest } = op;
  const all = [...errors, ...ACCESS_ERRORS[access], ...(idempotent ? [409] : [])];
  const statuses = [...new Set(all)].sort((a, b) => a - b);
  if (idempotent) {
    rest.request = { ...rest.request, headers: z.object({ 'Idempotency-Key': idempotencyKeyHeader }) };
    rest.description = rest.description ? `${rest.description}\n\n${IDEMPOTENCY}` : IDEMPOTENCY;
  }
  registry.registerPath({
    ...rest,
    security: SECURITY[access],
    responses: { ...responses, ...errorResponses(familyOf(op.path), statuses) },
  });
}

/** A JSON body or answer. */
export function json(schema: ZodType, description = 'JSON') {
  return { description, content: { 'application/json': { schema } } };
}

/** Body errors every JSON route can answer: field errors or bad JSON, too large, not JSON. */
export const BODY_ERRORS = [400, 413, 415] as const;
