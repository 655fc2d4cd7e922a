import { describe, expect, it } from 'vitest';
import {
  decodeNotificationCursor,
  encodeNotificationCursor,
  parseNotificationFilter,
  parseNotificationOrder,
} from './notifications.js';

describe('parseNotificationFilter', () => {
  it('reads clauses joined by AND and values joined by OR', () => {
    expect(parseNotificationFilter('state:UNSEEN,type:ERROR|WARNING,messageType:wallet_verified')).toEqual({
      state: ['UNSEEN'],
      type: ['ERROR', 'WARNING'],
      messageType: ['wallet_verified'],
    });
    expect(parseNotificationFilter('type:ERROR|ERROR')).toEqual({ type: ['ERROR'] });
  });

  it('names what is wrong', () => {
    expect(parseNotificationFilter('')).toMatch(/must not be empty/);
    expect(parseNotificationFilter('state')).toMatch(/must be field:value/);
    expect(parseNotificationFilter('link:x')).toMatch(/unknown field 'link'/);
    expect(parseNotificationFilter('constructor:x')).toMatch(/unknown field/);
    expect(parseNotificationFilter('state:seen')).toMatch(/unknown state 'seen'/);
    expect(parseNotificationFilter('state:UNSEEN,')).toMatch(/clause '' must be field:value/);
    expect(parseNotificationFilter('type:ERROR,type:SUCCESS')).toMatch(/given twice/);
    expect(parseNotificationFilter('type:ERROR|')).toMatch(/unknown type ''/);
  });
});

describe('parseNotificationOrder', () => {
  it('reads field and direction, desc by default', () => {
    expect(parseNotificationOrder('updatedAt:asc')).toEqual({ field: 'updatedAt', direction: 'asc' });
    expect(parseNotificationOrder('id')).toEqual({ field: 'id', direction: 'desc' });
    expect(parseNotificationOrder('state:asc')).toMatch(/field one of/);
    expect(parseNotificationOrder('id:asc:x')).toMatch(/field one of/);
    expect(parseNotificationOrder('id:ASC')).toMatch(/asc or desc/);
  });
});

describe('notification cursor', () => {
  it('round-trips and refuses anything it did not issue', () => {
    const cursor = { field: 'createdAt', direction: 'desc', key: 1735689600123, id: '42' } as const;
    expect(decodeNotificationCursor(encodeNotificationCursor(cursor))).toEqual(cursor);
    expect(decodeNotificationCursor('bm90IGEgY3Vyc29y')).toBeUndefined();
    expect(decodeNotificationCursor('n1:createdAt:desc:1:1')).toBeUndefined();
    expect(decodeNotificationCursor(Buffer.from('n1:id:asc:1:0').toString('base64url'))).toBeUndefined();
    expect(
      decodeNotificationCursor(Buffer.from('n1:createdAt:asc:9000000000000000:1').toString('base64url')),
    ).toBeUndefined();
  });
});
