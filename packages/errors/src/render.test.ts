import { describe, expect, it } from 'vitest';
import { ApiError, ERROR_KINDS, httpStatusOf } from './api-error.js';
import { renderAccounts } from './render-accounts.js';
import { renderV1 } from './render-v1.js';
import { renderV2 } from './render-v2.js';

describe('renderV2 (seed 000)', () => {
  it('renders a missing field exactly as the seed', () => {
    const err = ApiError.validation([{ path: 'changeType', issue: 'required', message: 'must not be null' }]);
    expect(renderV2(err)).toEqual({
      error: {
        code: '5068',
        message: 'Field error(s)',
        details: [
          'Either you submitted a request that is missing a mandatory field or the value of a field does not match the format expected.',
        ],
        fieldErrors: [{ field: 'changeType', error: 'must not be null' }],
      },
    });
  });
  it('renders the seed 500 and 503 bodies', () => {
    expect(renderV2(new ApiError('internal', 'boom'))).toEqual({
      error: {
        code: 'DW-INTERNAL-SERVER-ERROR',
        message: 'Internal Server Error',
        details: ['There was an error while processing the operation'],
      },
    });
    expect(renderV2(new ApiError('service_unavailable', 'db down')).error.code).toBe(
      'DW-SERVICE-UNAVAILABLE',
    );
  });
});

describe('renderV1 (seed 002)', () => {
  it('maps field issues to the seed codes', () => {
    const err = ApiError.validation([
      { path: 'limit', issue: 'too_big', message: 'limit must be at most 100', maximum: 100 },
      { path: 'offset', issue: 'too_small', message: 'offset must be at least 0', minimum: 0 },
      { path: 'state', issue: 'required', message: 'state is required' },
      { path: 'orderBy', issue: 'invalid', message: 'bad' },
    ]);
    expect(renderV1(err).errors.map((e) => [e.error_code, e.name])).toEqual([
      ['validation_max', 'limit'],
      ['validation_min', 'offset'],
      ['validation_required', 'state'],
      ['validation_error', 'orderBy'],
    ]);
  });
  it('never leaks an internal message', () => {
    expect(renderV1(new ApiError('internal', 'secret stack'))).toEqual({
      errors: [{ error_code: 'status_internal_error', message: 'internal error' }],
    });
  });
});

describe('renderAccounts (seed 003)', () => {
  it('renders bounds with both limits', () => {
    const err = ApiError.validation([
      { path: 'billingAddress.city', issue: 'out_of_bounds', message: 'x', minimum: 1, maximum: 50 },
    ]);
    expect(renderAccounts(err, 't')).toEqual({
      traceId: 't',
      errors: [
        {
          message: 'Value out of bounds. Value must be between 1 and 50',
          code: 'value_out_of_bounds',
          property: 'billingAddress.city',
          context: { minimum: 1, maximum: 50 },
        },
      ],
    });
  });
  it('renders 401 and 500 as the seed', () => {
    expect(renderAccounts(new ApiError('unauthorized', 'no key'), 't').errors).toEqual([
      { code: 'unauthorized', message: 'You are not authenticated to perform this request.' },
    ]);
    expect(renderAccounts(new ApiError('internal', 'boom'), 't').errors).toEqual([
      { message: 'Internal server error.' },
    ]);
  });
  it("writes every error's members in the seed's order: message, code, property, context", () => {
    const SEED_ORDER = ['message', 'code', 'property', 'context'];
    const inSeedOrder = (keys: string[]) => expect(keys).toEqual(SEED_ORDER.filter((k) => keys.includes(k)));
    for (const kind of ERROR_KINDS) {
      for (const e of renderAccounts(new ApiError(kind, 'x'), 't').errors) inSeedOrder(Object.keys(e));
    }
    const fields = ApiError.validation([
      { path: 'a', issue: 'out_of_bounds', message: 'x', minimum: 1, maximum: 2 },
      { path: 'b', issue: 'required', message: 'must not be null' },
      { path: 'c', issue: 'invalid', message: 'must be a string' },
      { path: 'd', issue: 'unknown_field', message: 'unknown field' },
    ]);
    for (const e of renderAccounts(fields, 't').errors) inSeedOrder(Object.keys(e));
    expect(Object.keys(renderAccounts(fields, 't'))).toEqual(['traceId', 'errors']);
  });
});

it('maps every kind to a 4xx or 5xx status', () => {
  for (const kind of ERROR_KINDS) expect(httpStatusOf(kind)).toBeGreaterThanOrEqual(400);
});
