import type { ApiError, ErrorKind, FieldError } from './api-error.js';

/** Seed 002's envelope, used by every `/v1/{tenantName}/...` route. */
export interface V1ErrorBody {
  errors: { error_code: V1ErrorCode; message: string; name?: string }[];
}

export type V1ErrorCode =
  | 'validation_error'
  | 'validation_required'
  | 'validation_min'
  | 'validation_max'
  | 'status_conflict'
  | 'status_bad_request'
  | 'status_unauthorized'
  | 'status_forbidden'
  | 'status_not_found'
  | 'status_internal_error';

function fieldCode(f: FieldError): V1ErrorCode {
  switch (f.issue) {
    case 'required':
      return 'validation_required';
    case 'too_small':
      return 'validation_min';
    case 'too_big':
      return 'validation_max';
    default:
      return 'validation_error';
  }
}

function statusCode(kind: ErrorKind): V1ErrorCode {
  switch (kind) {
    case 'validation':
      return 'validation_error';
    case 'unauthorized':
      return 'status_unauthorized';
    case 'forbidden':
      return 'status_forbidden';
    case 'not_found':
    case 'route_not_found':
      return 'status_not_found';
    case 'conflict':
      return 'status_conflict';
    case 'internal':
    case 'service_unavailable':
      return 'status_internal_error';
    default:
      return 'status_bad_request';
  }
}

export function renderV1(err: ApiError): V1ErrorBody {
  if (err.fieldErrors.length > 0) {
    return {
      errors: err.fieldErrors.map((f) => ({ error_code: fieldCode(f), message: f.message, name: f.path })),
    };
  }
  const message = err.kind === 'internal' ? 'internal error' : err.message;
  return { errors: [{ error_code: statusCode(err.kind), message }] };
}
