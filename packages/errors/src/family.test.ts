import { describe, expect, it } from 'vitest';
import { ERROR_FAMILIES, familyOf } from './family.js';

describe('familyOf', () => {
  it.each([
    ['/v1/acme/accounts/42/notifications', 'v1'],
    ['/v1/acme/accounts/42/notifications/7', 'v1'],
    ['/accounts', 'accounts'],
    ['/accounts/1234', 'accounts'],
    ['/v2/customer-persons', 'v2'],
    ['/v2/webhook-subscriptions/x/test', 'v2'],
    ['/admin/tenants', 'v2'],
    ['/health', 'v2'],
    ['/', 'v2'],
    // Only whole segments count: these are no /v1 or /accounts paths.
    ['/v1', 'v2'],
    ['/v10/x', 'v2'],
    ['/accountsx', 'v2'],
    ['/v2/accounts/1', 'v2'],
  ] as const)('%s answers in the %s envelope', (path, family) => {
    expect(familyOf(path)).toBe(family);
  });

  it('names each of the three families', () => {
    expect([...ERROR_FAMILIES].sort()).toEqual(['accounts', 'v1', 'v2']);
  });
});
