import { ApiError } from '@wallet/errors';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppEnv } from '../context.js';

export function registerHealth(app: Hono<AppEnv>): void {
  /** The process is up. */
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  /** The database answers within two seconds. */
  app.get('/readyz', async (c) => {
    const probe = sql`SELECT 1`.execute(c.get('services').db);
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), 2000).unref(),
    );
    try {
      await Promise.race([probe, timeout]);
    } catch (cause) {
      throw new ApiError('service_unavailable', 'Database unreachable', { cause, retryAfter: 5 });
    }
    return c.json({ status: 'ready' });
  });
}
