import type { ErrorFamily } from '@wallet/errors';
import { z } from 'zod';

/** Seed 000's envelope: every `/v2/...` route, and the public routes outside the three families. */
export const V2Error = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'DW-CUSTOMER-ID-SHOULD-BE-VALID' }),
      message: z.string(),
      details: z.array(z.string()),
      fieldErrors: z.array(z.object({ field: z.string(), error: z.string() })).optional(),
    }),
  })
  .meta({ id: 'V2Error', description: 'Error envelope of /v2 (seed 000)' });

const V1_ERROR_CODES = [
  'validation_error',
  'validation_required',
  'validation_min',
  'validation_max',
  'status_conflict',
  'status_bad_request',
  'status_unauthorized',
  'status_forbidden',
  'status_not_found',
  'status_internal_error',
] as const;

/** Seed 002's envelope: every `/v1/{tenantName}/...` route. */
export const V1Error = z
  .object({
    errors: z.array(
      z.object({
        error_code: z.enum(V1_ERROR_CODES),
        message: z.string(),
        name: z.string().optional().meta({ description: 'The field, for validation errors' }),
      }),
    ),
  })
  .meta({ id: 'V1Error', description: 'Error envelope of /v1 (seed 002)' });

/** Seed 003's envelope: every `/accounts/...` route. `traceId` is a W3C traceparent. */
export const AccountsError = z
  .object({
    traceId: z.string().meta({ example: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00' }),
    errors: z.array(
      z.object({
        message: z.string(),
        code: z.string().optional(),
        property: z.string().optional(),
        context: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  })
  .meta({ id: 'AccountsError', description: 'Error envelope of /accounts (seed 003)' });

export type Family = ErrorFamily;

const ENVELOPES = { v2: V2Error, v1: V1Error, accounts: AccountsError } as const;

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request: a field error per invalid field, malformed JSON or an invalid id',
  401: 'Missing or wrong bearer token',
  404: 'Not found (another tenant’s resource is 404 too)',
  409: 'Conflict with an existing resource',
  413: 'Body larger than BODY_LIMIT_BYTES',
  415: 'Content-Type is not application/json',
  429: 'Rate limit of the API key exceeded (see Retry-After)',
  500: 'Unexpected error; details are logged, never returned',
  503: 'Database unreachable (Retry-After: 5)',
};

/** What each status says in an example: the /v2 code, the /v1 error_code, the /accounts code, the text. */
const EXAMPLE_ERRORS: Record<number, [string, string, string, string]> = {
  400: ['5068', 'validation_error', 'invalid_value', 'must be one of: PASSWORD_CHANGED'],
  401: ['DW-UNAUTHORIZED', 'status_unauthorized', 'unauthorized', 'Missing or invalid API key'],
  403: ['DW-FORBIDDEN', 'status_forbidden', 'forbidden', 'Not your tenant'],
  404: ['DW-NOT-FOUND', 'status_not_found', 'not_found', 'Customer not found'],
  409: [
    'DW-CONFLICT',
    'status_conflict',
    'conflict',
    'Idempotency-Key was already used for a different request',
  ],
  413: ['DW-PAYLOAD-TOO-LARGE', 'status_bad_request', 'payload_too_large', 'Body larger than 1048576 bytes'],
  415: [
    'DW-UNSUPPORTED-MEDIA-TYPE',
    'status_bad_request',
    'unsupported_media_type',
    'Must be application/json',
  ],
  429: ['DW-TOO-MANY-REQUESTS', 'status_bad_request', 'rate_limited', 'Rate limit exceeded; retry later'],
  500: ['DW-INTERNAL-SERVER-ERROR', 'status_internal_error', 'internal', 'Internal server error'],
  503: ['DW-SERVICE-UNAVAILABLE', 'status_internal_error', 'service_unavailable', 'Service unavailable'],
};

/** An error of this status as the family renders it. */
export function exampleError(family: Family, status: number): unknown {
  const [v2, v1, accounts, text] = EXAMPLE_ERRORS[status] ?? EXAMPLE_ERRORS[500] ?? ['', '', '', ''];
  if (family === 'v1')
    return { errors: [{ error_code: v1, message: text, ...(status === 400 && { name: 'state' }) }] };
  if (family === 'accounts') {
    const traceId = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00';
    if (status === 500) return { traceId, errors: [{ message: text }] };
    return {
      traceId,
      errors: [
        { message: text, code: accounts, ...(status === 400 && { property: 'billingAddress.countryCode' }) },
      ],
    };
  }
  const fieldErrors = status === 400 ? { fieldErrors: [{ field: 'changeType', error: text }] } : {};
  return {
    error: {
      code: v2,
      message: status === 400 ? 'Field error(s)' : text,
      details: status === 400 ? [] : [text],
      ...fieldErrors,
    },
  };
}

/** Error responses of one operation, each in the envelope of the path's family, with an example. */
export function errorResponses(family: Family, statuses: readonly number[]) {
  const schema = ENVELOPES[family];
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/json': { schema, example: exampleError(family, status) } },
      },
    ]),
  );
}
