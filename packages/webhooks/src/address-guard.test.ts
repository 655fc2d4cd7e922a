import { describe, expect, it } from 'vitest';
import { addressRange, assertPublicHost, BlockedAddressError, isPublicAddress } from './address-guard.js';

describe('SSRF address guard', () => {
  it('allows only global unicast addresses', () => {
    for (const ip of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111'])
      expect(isPublicAddress(ip)).toBe(true);
    const refused: Record<string, string> = {
      '127.0.0.1': 'loopback',
      '127.9.9.9': 'loopback',
      '::1': 'loopback',
      '10.1.2.3': 'private',
      '172.16.0.1': 'private',
      '192.168.1.1': 'private',
      '169.254.169.254': 'linkLocal',
      'fe80::1': 'linkLocal',
      'fd00::1': 'uniqueLocal',
      '0.0.0.0': 'unspecified',
      '::': 'unspecified',
      '224.0.0.1': 'multicast',
      '100.64.0.1': 'carrierGradeNat',
      '::ffff:127.0.0.1': 'loopback',
      '::ffff:10.0.0.1': 'private',
      '[::1]': 'loopback',
      'not-an-ip': 'invalid',
    };
    for (const [ip, range] of Object.entries(refused)) {
      expect(addressRange(ip), ip).toBe(range);
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it('resolves host names and refuses any that reaches a non-public address, unless allowed', async () => {
    await expect(assertPublicHost('localhost', false)).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(assertPublicHost('127.0.0.1', false)).rejects.toThrow(/loopback/);
    await expect(assertPublicHost('::1', false)).rejects.toThrow(/loopback/);
    await expect(assertPublicHost('8.8.8.8', false)).resolves.toBeUndefined();
    await expect(assertPublicHost('localhost', true)).resolves.toBeUndefined();
  });
});
