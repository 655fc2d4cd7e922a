import { ApiError } from '@wallet/errors';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppEnv } from '../context.js';

export function registerHealth(app: Hono<AppEnv>): void {
  /** The process is up. */
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  /** The database answers within two seconds, on the probe's own connection (Services.readiness). */
  app.get('/readyz', async (c) => {
    const probe = sql`SELECT 1`.execute(c.get('services').readiness);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), 2000);
    });
    try {
      await Promise.race([probe, timeout]);
    } catch (cause) {
      throw new ApiError('service_unavailable', 'Database unreachable', { cause, retryAfter: 5 });
    } finally {
      // A probe every few seconds would otherwise keep a two-second timer (and its closure) each.
      clearTimeout(timer);
    }
    return c.json({ status: 'ready' });
  });
}
