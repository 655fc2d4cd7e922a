import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** A worker's readiness: every check by name, true when it passed. */
export type ReadinessChecks = Record<string, boolean>;

export interface MetricsServerOptions {
  /** METRICS_PORT of the worker; 0 picks a free one. */
  port: number;
  /** Default 0.0.0.0, so that a scraper on another host reaches it. */
  host?: string;
  registry: Registry;
  /** The checks behind /readyz; without it /readyz answers as /healthz. */
  readiness?: () => Promise<ReadinessChecks>;
  /** Cap on the readiness checks; past it /readyz is 503. Default 2 s. */
  readinessTimeoutMs?: number;
}

export interface MetricsServer {
  /** `http://host:port` of this server. */
  origin: string;
  /** `${origin}/metrics`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown, head: boolean): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(head ? undefined : JSON.stringify(body));
}

async function checkReadiness(options: MetricsServerOptions): Promise<ReadinessChecks | undefined> {
  if (!options.readiness) return {};
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), options.readinessTimeoutMs ?? 2_000);
  });
  try {
    return await Promise.race([options.readiness(), late]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A worker's operations port: `/metrics` (Prometheus text), `/healthz` (the process answers: 200),
 * `/readyz` (200 when every readiness check passed, 503 with the failed ones otherwise).
 */
export async function serveMetrics(options: MetricsServerOptions): Promise<MetricsServer> {
  const { registry } = options;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' }).end('method not allowed\n');
      return;
    }
    if (path === '/healthz') return json(res, 200, { status: 'ok' }, head);
    if (path === '/readyz') {
      void checkReadiness(options).then((checks) => {
        const ready = checks !== undefined && Object.values(checks).every(Boolean);
        json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: checks ?? {} }, head);
      });
      return;
    }
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(head ? undefined : text);
      },
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = (options.host ?? '0.0.0.0') === '0.0.0.0' ? '127.0.0.1' : (options.host as string);
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    origin,
    url: `${origin}/metrics`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
