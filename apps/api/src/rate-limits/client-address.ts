import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The peer address of the TCP connection. Behind a reverse proxy this is the proxy's address (no
 * forwarding header is trusted: any client could forge one), so per-address limits then count the
 * proxy as one client.
 */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
