/**
 * The closed set of failures the platform reports. Every route renders these through the
 * envelope of its API family; nothing else reaches a client.
 */
export const ERROR_KINDS = [
  'validation',
  'invalid_customer_id',
  'malformed_body',
  'unauthorized',
  'forbidden',
  'not_found',
  'route_not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'request_timeout',
  'service_unavailable',
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** What can be wrong with one field. */
export const FIELD_ISSUES = [
  'required',
  'invalid',
  'out_of_bounds',
  'too_small',
  'too_big',
  'unknown_field',
] as const;
export type FieldIssue = (typeof FIELD_ISSUES)[number];

/** What is wrong with one field. `path` uses dots for nesting (`billingAddress.city`). */
export interface FieldError {
  path: string;
  issue: FieldIssue;
  message: string;
  /** Inclusive bounds (length for strings, value for numbers) where the rule has them. */
  minimum?: number;
  maximum?: number;
}

export function httpStatusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'validation':
    case 'invalid_customer_id':
    case 'malformed_body':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
    case 'route_not_found':
      return 404;
    case 'request_timeout':
      return 408;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'rate_limited':
      return 429;
    case 'service_unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}

export interface ApiErrorOptions {
  fieldErrors?: FieldError[];
  /** Seconds, for 429 and 503. */
  retryAfter?: number;
  cause?: unknown;
}

export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly status: number;
  readonly fieldErrors: FieldError[];
  readonly retryAfter: number | undefined;

  constructor(kind: ErrorKind, message: string, options: ApiErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'ApiError';
    this.kind = kind;
    this.status = httpStatusOf(kind);
    this.fieldErrors = options.fieldErrors ?? [];
    this.retryAfter = options.retryAfter;
  }

  static validation(fieldErrors: FieldError[]): ApiError {
    return new ApiError('validation', 'Field error(s)', { fieldErrors });
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
