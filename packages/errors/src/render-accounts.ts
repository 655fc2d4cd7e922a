import type { ApiError, ErrorKind, FieldError } from './api-error.js';

/** Seed 003's envelope, used by `/accounts/...`. `traceId` is a W3C traceparent. */
export interface AccountsErrorBody {
  traceId: string;
  errors: {
    message: string;
    code?: string;
    property?: string;
    context?: Record<string, unknown>;
  }[];
}

/** Members in seed 003's order: `message, code, property, context`. */
const FIXED: Partial<Record<ErrorKind, { message: string; code?: string }>> = {
  unauthorized: { message: 'You are not authenticated to perform this request.', code: 'unauthorized' },
  forbidden: { message: 'You do not have permissions to perform this request.', code: 'forbidden' },
  not_found: { message: 'Resource not found.', code: 'not_found' },
  route_not_found: { message: 'Resource not found.', code: 'not_found' },
  // The seed's 500 example carries a message only.
  internal: { message: 'Internal server error.' },
  service_unavailable: {
    message: 'Service unavailable. Please try again later.',
    code: 'service_unavailable',
  },
};

function fieldError(f: FieldError): AccountsErrorBody['errors'][number] {
  const property = f.path;
  if (f.issue === 'out_of_bounds' || f.issue === 'too_small' || f.issue === 'too_big') {
    const minimum = f.minimum ?? 0;
    const maximum = f.maximum ?? null;
    return {
      message: `Value out of bounds. Value must be between ${minimum} and ${maximum ?? 'any'}`,
      code: 'value_out_of_bounds',
      property,
      context: { minimum, maximum },
    };
  }
  const code =
    f.issue === 'required' ? 'required' : f.issue === 'unknown_field' ? 'unknown_property' : 'invalid_value';
  return { message: f.message, code, property };
}

export function renderAccounts(err: ApiError, traceId: string): AccountsErrorBody {
  if (err.fieldErrors.length > 0) return { traceId, errors: err.fieldErrors.map(fieldError) };
  const fixed = FIXED[err.kind];
  if (fixed) return { traceId, errors: [{ ...fixed }] };
  return { traceId, errors: [{ message: err.message, code: err.kind }] };
}
