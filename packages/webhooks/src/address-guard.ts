import { type LookupAddress, lookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The IPv4 address an IPv6 address carries, in the forms that route to it: IPv4-compatible
 * (`::a.b.c.d`, deprecated by RFC 4291), IPv4-mapped (`::ffff:a.b.c.d`), SIIT (`::ffff:0:a.b.c.d`,
 * RFC 6145), NAT64 (`64:ff9b::/96`, RFC 6052, and the local-use `64:ff9b:1::/48`, RFC 8215, last 32
 * bits), 6to4 (`2002:AABB:CCDD::/16`) and Teredo (`2001::/32`: the server in bits 32-63, the client
 * inverted in the last 32). Undefined for any other address.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] {
  const p = address.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const zeros = (from: number, to: number) => p.slice(from, to).every((x) => x === 0);
  const last = () => v4(p[6] as number, p[7] as number);
  if (zeros(0, 5) && (p[5] === 0 || p[5] === 0xffff)) {
    // :: and ::1 are themselves (unspecified, loopback), not IPv4-compatible.
    return p[5] === 0 && p[6] === 0 ? [] : [last()];
  }
  if (zeros(0, 4) && p[4] === 0xffff && p[5] === 0) return [last()];
  if (p[0] === 0x64 && p[1] === 0xff9b && (zeros(2, 6) || p[2] === 1)) return [last()];
  if (p[0] === 0x2002) return [v4(p[1] as number, p[2] as number)];
  if (p[0] === 0x2001 && p[1] === 0) {
    return [v4(p[2] as number, p[3] as number), v4(~(p[6] as number) & 0xffff, ~(p[7] as number) & 0xffff)];
  }
  return [];
}

/**
 * The SSRF guard. Only globally routable unicast addresses may receive webhooks; ipaddr.js names
 * every other range (private, loopback, linkLocal, uniqueLocal, unspecified, multicast, broadcast,
 * carrierGradeNat, reserved, 6to4, teredo, rfc6052 NAT64, ...). An IPv6 address that embeds an IPv4
 * address (see embeddedIPv4) is judged by that IPv4 first, so `[::7f00:1]` (which `http://[::127.0.0.1]/`
 * becomes) is loopback and `[::a9fe:a9fe]` is linkLocal; such a form whose IPv4 is global is still
 * refused, as its transition range (6to4, teredo, rfc6052, rfc6145) or `ipv4Compatible`: it reaches an
 * IPv4 host through a translator the platform does not control.
 */
export function addressRange(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return 'invalid';
  const parsed = ipaddr.process(bare);
  if (parsed.kind() === 'ipv4') return parsed.range();
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  const blocked = embedded.map((v4) => v4.range()).find((range) => range !== 'unicast');
  if (blocked) return blocked;
  const range = v6.range();
  return range === 'unicast' && embedded.length > 0 ? 'ipv4Compatible' : range;
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

/**
 * The port policy: webhooks go to 80, 443 or an unprivileged port (1024 and above). Ports below 1024
 * are where a public host's own services listen (SSH 22, SMTP 25, DNS 53, LDAP 389, ...), which a
 * partner's URL must not be able to poke; a real webhook endpoint is on 80/443 or behind a high port.
 * The check is skipped with WEBHOOK_ALLOW_PRIVATE_NETWORKS (development), as the address check is.
 */
export function isAllowedPort(url: URL): boolean {
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return port === 80 || port === 443 || port >= 1024;
}
export const PORT_POLICY = 'port 80, 443 or 1024-65535';

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
