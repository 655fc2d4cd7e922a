import { describe, expect, it } from 'vitest';
import { accountStatusFor } from './account-status.js';

describe('accountStatusFor', () => {
  it('is ACTIVE with no restriction', () => expect(accountStatusFor([])).toBe('ACTIVE'));
  it('is RESTRICTED with a partial restriction', () =>
    expect(accountStatusFor(['OUTGOING_TRANSACTIONS'])).toBe('RESTRICTED'));
  it('is BLOCKED when ALL_TRANSACTIONS is among others', () =>
    expect(accountStatusFor(['SEND_MONEY', 'ALL_TRANSACTIONS'])).toBe('BLOCKED'));
});
