import type { Metrics } from '@wallet/metrics';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../context.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The route pattern that answers the request (`/v2/customer-persons/:customerId`), never the raw path:
 * ids in labels would leak and explode the series count. Middleware (`app.use`) match as method ALL;
 * a request no handler matches is `unmatched`.
 */
function routeOf(c: Context<AppEnv>): string {
  const handlers = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  return handlers.at(-1)?.path ?? 'unmatched';
}

/** Counts and times every request by method, route pattern and status. */
export function httpMetrics(metrics: Metrics) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    let status = 500;
    try {
      await next();
      status = c.res.status;
    } finally {
      const labels = {
        method: METHODS.has(c.req.method) ? c.req.method : 'OTHER',
        route: routeOf(c),
        status: String(status),
      };
      metrics.httpRequests.inc(labels);
      metrics.httpRequestDuration.observe(labels, (performance.now() - started) / 1000);
    }
  });
}
