import fc from 'fast-check';

/**
 * fast-check generators of the input classes that once reached a 500: deep nesting, lone UTF-16
 * surrogates, integers past every range, floats where integers go, duplicate keys and forged feed
 * cursors. Raw JSON text where JSON.stringify could not say it (duplicate keys, huge integers).
 */

/** Field names the routes read, so that hostile values reach the schemas rather than "unknown field". */
const FIELDS = [
  'externalId',
  'email',
  'registrationIp',
  'changeType',
  'changeTime',
  'name',
  'reason',
  'requiredActions',
  'currencyCode',
  'url',
  'eventTypes',
  'state',
  'type',
  'message',
  'consumer',
  'billingAddress',
] as const;

const loneSurrogate = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff');

/** A string with a lone surrogate somewhere in it, as JSON text (JSON.stringify escapes it as \udXXX). */
const loneSurrogateString = fc
  .tuple(fc.string({ maxLength: 10 }), loneSurrogate, fc.string({ maxLength: 10 }))
  .map(([a, s, b]) => JSON.stringify(`${a}${s}${b}`));

/** Integers as JSON text: past 2^53, past 2^63, negative, with exponents. */
const hostileInteger = fc.oneof(
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
  fc.constantFrom(
    '9223372036854775808',
    '-9223372036854775809',
    '9999999999999999999',
    '-1',
    '0',
    '1e400',
    '-0',
  ),
);

/** Floats where integers belong. */
const hostileFloat = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((d) => (Number.isInteger(d) ? `${d}.5` : JSON.stringify(d)));

/** Any hostile JSON value, as text. */
const hostileValue = fc.oneof(
  loneSurrogateString,
  hostileInteger,
  hostileFloat,
  fc.constantFrom('null', 'true', '[]', '{}', '""'),
  fc.integer({ min: 33, max: 200 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`),
);

/** An object of known fields with hostile values, the same key sometimes twice. */
const hostileObject = fc
  .array(fc.tuple(fc.constantFrom(...FIELDS), hostileValue), { minLength: 1, maxLength: 6 })
  .chain((pairs) =>
    fc.boolean().map((duplicate) => {
      const all = duplicate && pairs[0] ? [...pairs, [pairs[0][0], '"duplicate"'] as const] : pairs;
      return `{${all.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
    }),
  );

/** Nesting from just past the limit to far past it, inside an object (the routes want one). */
const deeplyNested = fc
  .tuple(fc.integer({ min: 33, max: 6000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => {
    const close = open === '[' ? ']' : '}';
    return `{"externalId":${open.repeat(depth)}1${close.repeat(depth)}}`;
  });

/** Path parameters: huge and negative integers, floats, exponents, lone surrogates (percent-encoded later). */
export const hostilePathParam = fc.oneof(
  fc.string({ maxLength: 40 }),
  hostileInteger,
  hostileFloat,
  loneSurrogate.map((s) => `x${s}`),
);

/** Feed and list cursors of the right shape with ids and keys of any length, and garbage. */
const forgedCursor = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('createdAt', 'updatedAt', 'id', 'other'),
      fc.constantFrom('asc', 'desc'),
      fc.bigInt({ min: 0n, max: 10n ** 25n }),
      fc.bigInt({ min: -5n, max: 10n ** 25n }),
    )
    .map(([field, dir, key, id]) => Buffer.from(`n1:${field}:${dir}:${key}:${id}`).toString('base64url')),
  // The /v2 and /admin lists' cursors (base64url of [list, ...sort key]) with values of any size and kind.
  fc
    .tuple(
      fc.constantFrom(
        'customers',
        'webhook-subscriptions',
        'webhook-deliveries',
        'black-list-entries',
        'api-keys',
        'tenants',
        'x',
      ),
      fc.array(
        fc.oneof(
          fc.bigInt({ min: -5n, max: 10n ** 25n }).map(String),
          fc.uuid(),
          fc.string({ maxLength: 20 }),
          loneSurrogate,
          fc.integer(),
        ),
        { maxLength: 3 },
      ),
    )
    .map(([list, values]) => Buffer.from(JSON.stringify([list, ...values])).toString('base64url')),
  fc.string({ maxLength: 60 }),
);

/** Query strings of the routes' own parameters, with hostile values. */
export const hostileQuery = fc.record(
  {
    after: forgedCursor,
    limit: fc.oneof(hostileInteger, hostileFloat),
    offset: fc.oneof(hostileInteger, hostileFloat),
    orderBy: fc.constantFrom('createdAt:desc', 'id:asc', 'id:sideways', ''),
    externalId: fc.oneof(fc.string({ maxLength: 20 }), loneSurrogate),
    filter: fc.string({ maxLength: 30 }),
  },
  { requiredKeys: [] },
);

/** Every hostile body class at once. */
export const hostileBody = fc.oneof(hostileObject, deeplyNested);

/**
 * Percent-encodes a path segment; a lone surrogate, which encodeURIComponent refuses, as the three
 * bytes UTF-8 would give it if it were a code point (%ED%A0%80): invalid UTF-8 the server must bear.
 */
export function encodePathSegment(text: string): string {
  return Array.from(text, (ch) => {
    const unit = ch.charCodeAt(0);
    if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      const bytes = [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)];
      return bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
    return encodeURIComponent(ch);
  }).join('');
}
