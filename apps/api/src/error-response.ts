import { AccountClosedError, InstrumentConflictError } from '@wallet/core';
import { ApiError, type ErrorFamily, renderAccounts, renderV1, renderV2 } from '@wallet/errors';
import { IllegalTransitionError } from '@wallet/instruments';
import { HTTPException } from 'hono/http-exception';

/** Errors of pg and the network that mean "the database is not there right now". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
]);

/**
 * A lock that could not be had within lock_timeout (55P03), or a statement cut off by
 * statement_timeout (57014 with that message; an operator's pg_cancel_backend is 57014 too, and stays
 * a 500): the database is there but too busy for this request right now.
 */
function isDatabaseBusy(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (code === '55P03') return true;
  return code === '57014' && typeof message === 'string' && /statement timeout/.test(message);
}

function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: string }).code;
  if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/i.test(err.message)
  ) {
    return true;
  }
  return err.cause !== undefined && err.cause !== err && isDatabaseUnavailable(err.cause);
}

/** Turns anything thrown by a route into one of the closed error kinds. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  // Refusals of the domain: a closed account, an open request of the type, a move the lifecycle forbids.
  if (
    err instanceof AccountClosedError ||
    err instanceof InstrumentConflictError ||
    err instanceof IllegalTransitionError
  ) {
    return new ApiError('conflict', err.message);
  }
  if (err instanceof HTTPException) {
    if (err.status === 413) return new ApiError('payload_too_large', 'Request body is too large');
    if (err.status === 401) return new ApiError('unauthorized', 'Unauthorized');
    return new ApiError('malformed_body', err.message || 'Bad request');
  }
  if (isDatabaseUnavailable(err))
    return new ApiError('service_unavailable', 'Service Unavailable', { retryAfter: 5 });
  if (isDatabaseBusy(err))
    return new ApiError('service_unavailable', 'Service Unavailable', { cause: err, retryAfter: 1 });
  return new ApiError('internal', 'Internal Server Error', { cause: err });
}

/** The error body of `family` (familyOf of @wallet/errors chooses it from the path). */
export function renderError(family: ErrorFamily, err: ApiError, traceId: string): unknown {
  switch (family) {
    case 'v1':
      return renderV1(err);
    case 'accounts':
      return renderAccounts(err, traceId);
    case 'v2':
      return renderV2(err);
  }
}
