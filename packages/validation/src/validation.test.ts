import { ApiError } from '@wallet/errors';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAccountBody, createCustomerBody } from './customers.js';
import { parseOrThrow, withoutNullProperties } from './field-errors.js';
import { isCustomerId, isRfc3339DateTime } from './primitives.js';

function fieldErrorsOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err.fieldErrors;
  }
  throw new Error('expected a validation error');
}

describe('RFC 3339 date-time', () => {
  it.each([
    '2024-07-29T15:51:28Z',
    '2024-07-29T15:51:28.071Z',
    '2024-07-29t15:51:28+02:00',
    '2024-02-29T00:00:00Z',
  ])('accepts %s', (v) => expect(isRfc3339DateTime(v)).toBe(true));
  it.each(['2024-07-29', '2024-07-29T15:51:28', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', 'yesterday'])(
    'rejects %s',
    (v) => expect(isRfc3339DateTime(v)).toBe(false),
  );
});

describe('customer id', () => {
  it('accepts numeric ids that fit a JSON number', () => expect(isCustomerId('10040500')).toBe(true));
  it.each(['abc', '0', '-1', '1.5', '99999999999999999999'])('rejects %s', (v) =>
    expect(isCustomerId(v)).toBe(false),
  );
});

describe('createCustomerBody', () => {
  it('reports one error per bad field, with the seed limits', () => {
    const errors = fieldErrorsOf(() =>
      parseOrThrow(createCustomerBody, {
        externalId: 'x'.repeat(41),
        email: 'nope',
        registrationIp: '::1',
        extra: 1,
      }),
    );
    expect(errors.map((e) => [e.path, e.issue])).toEqual(
      expect.arrayContaining([
        ['externalId', 'too_big'],
        ['email', 'invalid'],
        ['registrationIp', 'invalid'],
        ['extra', 'unknown_field'],
      ]),
    );
  });
  it('defaults type to PERSON', () => {
    const parsed = parseOrThrow(createCustomerBody, {
      externalId: 'a',
      email: 'john.smith@mail.com',
      registrationIp: '198.51.100.42',
    });
    expect(parsed.type).toBe('PERSON');
  });
});

describe('createAccountBody', () => {
  it('accepts real ISO 4217 codes only', () => {
    expect(parseOrThrow(createAccountBody, { currencyCode: 'EUR' }).currencyCode).toBe('EUR');
    expect(fieldErrorsOf(() => parseOrThrow(createAccountBody, { currencyCode: 'XYZ' }))[0]?.path).toBe(
      'currencyCode',
    );
  });
});

describe('field errors', () => {
  it('tells a wrong type from an absent field, and keeps one error per property', () => {
    const errors = fieldErrorsOf(() =>
      parseOrThrow(createAccountBody, {
        currencyCode: 'EURO',
        externalId: 7,
        virtualAccountAssignment: 'no',
      }),
    );
    expect(errors.map((e) => [e.path, e.issue, e.message])).toEqual([
      ['currencyCode', 'invalid', 'must be an ISO 4217 currency code'],
      ['externalId', 'invalid', 'must be a string'],
      ['virtualAccountAssignment', 'invalid', 'must be a boolean'],
    ]);
    expect(fieldErrorsOf(() => parseOrThrow(createAccountBody, {}))).toEqual([
      { path: 'currencyCode', issue: 'required', message: 'must not be null' },
    ]);
  });

  it('calls a map (z.record) that is not an object by its JSON name', () => {
    const map = z.strictObject({ identifiers: z.record(z.string(), z.string()) });
    expect(fieldErrorsOf(() => parseOrThrow(map, { identifiers: 'x' }))).toEqual([
      { path: 'identifiers', issue: 'invalid', message: 'must be an object' },
    ]);
  });

  it('drops null properties at every depth, keeps array elements and __proto__ as a key', () => {
    const parsed = JSON.parse('{"a":null,"b":{"c":null,"d":1},"e":[null,{"f":null}],"__proto__":{"x":1}}');
    const stripped = withoutNullProperties(parsed) as Record<string, unknown>;
    expect(Object.keys(stripped)).toEqual(['b', 'e', '__proto__']);
    expect([stripped.b, stripped.e, Object.getOwnPropertyDescriptor(stripped, '__proto__')?.value]).toEqual([
      { d: 1 },
      [null, {}],
      { x: 1 },
    ]);
    expect(Object.getPrototypeOf(stripped)).toBe(Object.prototype);
  });
});

describe('currency codes', () => {
  it('takes any case and answers upper case, as country codes', () => {
    expect(parseOrThrow(createAccountBody, { currencyCode: 'eur' }).currencyCode).toBe('EUR');
    expect(parseOrThrow(createAccountBody, { currencyCode: 'Usd' }).currencyCode).toBe('USD');
  });
});
