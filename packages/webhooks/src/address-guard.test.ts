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

describe('IPv6 forms that embed an IPv4 address', () => {
  it('are judged by the IPv4 they carry', () => {
    const refused: Record<string, string> = {
      // http://[::127.0.0.1]/ is normalised by URL to [::7f00:1].
      '::7f00:1': 'loopback',
      '::127.0.0.1': 'loopback',
      '::a9fe:a9fe': 'linkLocal',
      '::a00:1': 'private',
      '::ffff:0:a9fe:a9fe': 'linkLocal',
      '64:ff9b::7f00:1': 'loopback',
      '64:ff9b::a9fe:a9fe': 'linkLocal',
      '64:ff9b:1::c0a8:101': 'private',
      '2002:7f00:1::': 'loopback',
      '2002:a9fe:a9fe::1': 'linkLocal',
      // Teredo: client 127.0.0.1 inverted in the last 32 bits.
      '2001:0:808:808::80ff:fffe': 'loopback',
    };
    for (const [ip, range] of Object.entries(refused)) {
      expect(addressRange(ip), ip).toBe(range);
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it('are refused even around a global IPv4, as the transition form they are', () => {
    expect(addressRange('::808:808')).toBe('ipv4Compatible');
    expect(addressRange('64:ff9b::808:808')).toBe('rfc6052');
    expect(addressRange('2002:808:808::1')).toBe('6to4');
    for (const ip of ['::808:808', '64:ff9b::808:808', '2002:808:808::1'])
      expect(isPublicAddress(ip)).toBe(false);
  });

  it('leave ordinary global IPv6 alone', () => {
    for (const ip of ['2606:4700:4700::1111', '2a00:1450:4001:82a::200e'])
      expect(isPublicAddress(ip)).toBe(true);
  });
});
