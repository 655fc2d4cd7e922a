import { type LookupAddress, lookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The SSRF guard. Only globally routable unicast addresses may receive webhooks; ipaddr.js names
 * every other range (private, loopback, linkLocal, uniqueLocal, unspecified, multicast, broadcast,
 * carrierGradeNat, reserved, 6to4, teredo, rfc6052 NAT64, ...). IPv4-mapped IPv6 is judged as IPv4.
 */
export function addressRange(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return 'invalid';
  return ipaddr.process(bare).range();
}

export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'unicast';
}

export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  readonly code = 'EWEBHOOKBLOCKED';
  constructor(
    readonly host: string,
    readonly range: string,
  ) {
    super(`${host} resolves to a ${range} address, which webhooks may not reach`);
  }
}

/** The first address that is not public, if any. */
function firstBlocked(addresses: readonly { address: string }[]): { address: string } | undefined {
  return addresses.find((a) => !isPublicAddress(a.address));
}

/** A URL's host without IPv6 brackets. */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** Resolves a host (every address) and refuses it if any address is not public, unless allowed. */
export async function assertPublicHost(host: string, allowPrivateNetworks: boolean): Promise<void> {
  if (allowPrivateNetworks) return;
  if (isIP(host)) {
    if (!isPublicAddress(host)) throw new BlockedAddressError(host, addressRange(host));
    return;
  }
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    lookup(host, { all: true }, (err, found) => (err ? reject(err) : resolve(found))),
  );
  const blocked = firstBlocked(addresses);
  if (blocked) throw new BlockedAddressError(host, addressRange(blocked.address));
}

/**
 * A `lookup` for http.request/net.connect that checks the addresses it hands to the socket, so the
 * connection goes to the very address that was checked (no second resolution to rebind).
 */
export function guardedLookup(allowPrivateNetworks: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const blocked = allowPrivateNetworks ? undefined : firstBlocked(addresses);
      if (blocked) return callback(new BlockedAddressError(hostname, addressRange(blocked.address)), '', 0);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
