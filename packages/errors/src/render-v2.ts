import type { ApiError, ErrorKind } from './api-error.js';

/** Seed 000's envelope, used by every `/v2/...` route. */
export interface V2ErrorBody {
  error: {
    code: string;
    message: string;
    details: string[];
    fieldErrors?: { field: string; error: string }[];
  };
}

const FIELD_ERRORS_DETAIL =
  'Either you submitted a request that is missing a mandatory field or the value of a field does not match the format expected.';

const V2_CODES: Record<ErrorKind, { code: string; message: string; details: string }> = {
  validation: { code: '5068', message: 'Field error(s)', details: FIELD_ERRORS_DETAIL },
  invalid_customer_id: {
    code: 'DW-CUSTOMER-ID-SHOULD-BE-VALID',
    message: 'CustomerId is not supported',
    details: 'CustomerId should be a valid value',
  },
  malformed_body: { code: 'DW-MALFORMED-REQUEST', message: 'Malformed request', details: '' },
  unauthorized: { code: 'DW-UNAUTHORIZED', message: 'Unauthorized', details: '' },
  forbidden: { code: 'DW-FORBIDDEN', message: 'Forbidden', details: '' },
  not_found: { code: 'DW-NOT-FOUND', message: 'Not Found', details: '' },
  route_not_found: { code: 'DW-ROUTE-NOT-FOUND', message: 'Not Found', details: '' },
  conflict: { code: 'DW-CONFLICT', message: 'Conflict', details: '' },
  payload_too_large: { code: 'DW-PAYLOAD-TOO-LARGE', message: 'Payload Too Large', details: '' },
  unsupported_media_type: {
    code: 'DW-UNSUPPORTED-MEDIA-TYPE',
    message: 'Unsupported Media Type',
    details: '',
  },
  rate_limited: { code: 'DW-TOO-MANY-REQUESTS', message: 'Too Many Requests', details: '' },
  request_timeout: { code: 'DW-REQUEST-TIMEOUT', message: 'Request Timeout', details: '' },
  service_unavailable: {
    code: 'DW-SERVICE-UNAVAILABLE',
    message: 'Service Unavailable',
    details: 'Service Unavailable',
  },
  internal: {
    code: 'DW-INTERNAL-SERVER-ERROR',
    message: 'Internal Server Error',
    details: 'There was an error while processing the operation',
  },
};

export function renderV2(err: ApiError): V2ErrorBody {
  const entry = V2_CODES[err.kind];
  // The seed's fixed texts win; our own kinds carry the error's message as their detail.
  const details = entry.details || err.message;
  const body: V2ErrorBody = { error: { code: entry.code, message: entry.message, details: [details] } };
  if (err.fieldErrors.length > 0) {
    body.error.fieldErrors = err.fieldErrors.map((f) => ({ field: f.path, error: f.message }));
  }
  return body;
}
