import { randomBytes, randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Services } from '../context.js';

const TRACEPARENT = /^00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;
const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** W3C trace id of the caller when it sent one, else a request id of its own or a fresh one. */
function requestIdOf(traceparent: string | undefined, requestId: string | undefined): string {
  const trace = traceparent ? TRACEPARENT.exec(traceparent)?.[1] : undefined;
  if (trace) return trace;
  if (requestId && REQUEST_ID.test(requestId)) return requestId;
  // randomUUID draws from a cached entropy pool; randomBytes asks the OS each time.
  return randomUUID().replaceAll('-', '');
}

/** Seed 003's traceId is a traceparent: version, trace id, span id, flags. */
export function traceparentOf(requestId: string): string {
  const trace = /^[0-9a-f]{32}$/.test(requestId)
    ? requestId
    : Buffer.from(requestId).toString('hex').padEnd(32, '0').slice(0, 32);
  return `00-${trace}-${randomBytes(8).toString('hex')}-00`;
}

/** Sets the services, the request id and a request logger, and writes one access-log line. */
export function requestContext(services: Services) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const requestId = requestIdOf(c.req.header('traceparent'), c.req.header('x-request-id'));
    const logger = services.logger.child({ requestId });
    c.set('services', services);
    c.set('requestId', requestId);
    c.set('logger', logger);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    const tenant = c.get('tenant');
    logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        route: c.req.routePath,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        tenant: tenant?.name,
      },
      'request',
    );
  });
}
