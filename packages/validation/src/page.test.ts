import { ApiError } from '@wallet/errors';
import { describe, expect, it } from 'vitest';
import { blackListPageQuery } from './black-list.js';
import { parseOrThrow } from './field-errors.js';
import {
  BLACK_LIST_CURSOR,
  CUSTOMERS_CURSOR,
  listTenantsQuery,
  listWebhookSubscriptionsQuery,
  PAGE_CURSOR_MISMATCH,
  TENANTS_CURSOR,
  WEBHOOK_SUBSCRIPTIONS_CURSOR,
} from './page.js';

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function fieldErrorsOf(run: () => unknown) {
  try {
    run();
  } catch (err) {
    if (err instanceof ApiError) return err.fieldErrors.map((f) => `${f.path}: ${f.message}`);
  }
  return undefined;
}

describe('the cursor codec', () => {
  it('round-trips a sort key, opaque and URL-safe', () => {
    const key = ['1764637539478123', '993152c9-2c0a-4b8e-9b0e-1f6f5a10c0de'] as const;
    const cursor = WEBHOOK_SUBSCRIPTIONS_CURSOR.encode(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(WEBHOOK_SUBSCRIPTIONS_CURSOR.decode(cursor)).toEqual(key);
    expect(TENANTS_CURSOR.decode(TENANTS_CURSOR.encode(['acme & co/ü']))).toEqual(['acme & co/ü']);
  });

  it('refuses forged, garbled, overflowing and foreign cursors', () => {
    for (const text of [
      '',
      'a b',
      '!!!',
      'x'.repeat(513),
      raw('customers'),
      raw(['customers']),
      raw(['customers', 1]),
      raw(['customers', '1', '2']),
      raw(['customers', '01']),
      raw(['customers', '-1']),
      raw(['customers', '9223372036854775808']),
      raw(['customers', '99999999999999999999']),
      raw(['webhook-deliveries', '1']),
      Buffer.from('["customers","1"').toString('base64url'),
    ])
      expect(CUSTOMERS_CURSOR.decode(text), text).toBeUndefined();
    expect(CUSTOMERS_CURSOR.decode(raw(['customers', '9223372036854775807']))).toEqual([
      '9223372036854775807',
    ]);
    expect(
      BLACK_LIST_CURSOR.decode(
        raw(['black-list-entries', '253402300800000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']),
      ),
    ).toBeUndefined();
    expect(
      BLACK_LIST_CURSOR.decode(raw(['black-list-entries', '1', 'FFFFFFFF-ffff-ffff-ffff-ffffffffffff'])),
    ).toBeUndefined();
    expect(TENANTS_CURSOR.decode(raw(['tenants', 'a\u0000b']))).toBeUndefined();
    expect(TENANTS_CURSOR.decode(raw(['tenants', 'x'.repeat(256)]))).toBeUndefined();
  });
});

describe('the page query', () => {
  it('defaults limit to 50, takes 1 to 100, and decodes after', () => {
    expect(parseOrThrow(listWebhookSubscriptionsQuery, {})).toEqual({ limit: 50 });
    expect(parseOrThrow(listTenantsQuery, { limit: '100', after: TENANTS_CURSOR.encode(['acme']) })).toEqual({
      limit: 100,
      after: ['acme'],
    });
  });

  it('answers one field error for a bad limit, a bad cursor or an unknown parameter', () => {
    for (const limit of ['0', '101', '-1', '1e1', '', ' 5', '5.0', 'abc'])
      expect(
        fieldErrorsOf(() => parseOrThrow(listTenantsQuery, { limit })),
        limit,
      ).toEqual([expect.stringMatching(/^limit: must be/)]);
    expect(fieldErrorsOf(() => parseOrThrow(listTenantsQuery, { after: 'nope' }))).toEqual([
      `after: ${PAGE_CURSOR_MISMATCH}`,
    ]);
    expect(fieldErrorsOf(() => parseOrThrow(listTenantsQuery, { offset: '1' }))).toHaveLength(1);
  });

  it('takes a black-list entry id as a cursor too, as earlier versions paged', () => {
    const id = '993152c9-2c0a-4b8e-9b0e-1f6f5a10c0de';
    expect(parseOrThrow(blackListPageQuery, { after: id.toUpperCase() })).toEqual({
      limit: 50,
      after: { entryId: id },
    });
    const key = ['1', id] as const;
    expect(parseOrThrow(blackListPageQuery, { after: BLACK_LIST_CURSOR.encode(key) }).after).toEqual({ key });
  });
});
