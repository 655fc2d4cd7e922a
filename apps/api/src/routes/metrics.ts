import type { Metrics } from '@wallet/metrics';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/**
 * `GET /metrics`: Prometheus text of this API process. Public like /healthz: the labels hold route
 * patterns, methods and statuses only, never a tenant, id or key; keep it off the public ingress.
 */
export function registerMetrics(app: Hono<AppEnv>, metrics: Metrics): void {
  app.get('/metrics', async (c) =>
    c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }),
  );
}
