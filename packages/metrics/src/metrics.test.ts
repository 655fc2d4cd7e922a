import { describe, expect, it } from 'vitest';
import { createMetrics, type QueueCounts } from './create-metrics.js';
import { observeJobs, recordJob, recordWebhookDelivery } from './jobs.js';
import { serveMetrics } from './serve.js';

async function value(
  metrics: ReturnType<typeof createMetrics>,
  name: string,
  labels: Record<string, string> = {},
) {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const hit = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return hit?.value;
}

describe('createMetrics', () => {
  it('gives each caller a registry of its own', async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics({ processMetrics: false });
    a.httpRequests.inc({ method: 'GET', route: '/x', status: '200' });
    expect(await value(a, 'wallet_http_requests_total', { route: '/x' })).toBe(1);
    expect(await value(b, 'wallet_http_requests_total', { route: '/x' })).toBeUndefined();
  });

  it('reads queue depth from its source at each scrape, and drops it when the read fails', async () => {
    let counts: QueueCounts[] = [{ name: 'q', queuedCount: 3, activeCount: 1, deferredCount: 2 }];
    let fail = false;
    const metrics = createMetrics({
      processMetrics: false,
      queues: {
        getQueues: async () => {
          if (fail) throw new Error('database down');
          return counts;
        },
      },
    });
    expect(await value(metrics, 'wallet_queue_depth', { queue: 'q', state: 'queued' })).toBe(3);
    expect(await value(metrics, 'wallet_queue_depth', { queue: 'q', state: 'active' })).toBe(1);
    expect(await value(metrics, 'wallet_queue_depth', { queue: 'q', state: 'deferred' })).toBe(2);
    counts = [{ name: 'q', queuedCount: 0, activeCount: 4 }];
    expect(await value(metrics, 'wallet_queue_depth', { queue: 'q', state: 'queued' })).toBe(0);
    expect(await value(metrics, 'wallet_queue_depth', { queue: 'q', state: 'active' })).toBe(4);
    fail = true;
    const text = await metrics.registry.metrics();
    expect(text).not.toMatch(/^wallet_queue_depth\{/m);
    expect(text).toMatch(/^wallet_queue_depth_read_errors_total 1$/m);
  });
});

describe('observeJobs', () => {
  it('counts a batch as processed when the handler succeeds, failed when it throws', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const ok = observeJobs(metrics, 'fanout', async (jobs: number[]) => jobs.length);
    expect(await ok([1, 2])).toBe(2);
    const broken = observeJobs(metrics, 'fanout', async (_jobs: number[]) => {
      throw new Error('boom');
    });
    await expect(broken([1])).rejects.toThrow('boom');
    expect(await value(metrics, 'wallet_jobs_processed_total', { queue: 'fanout' })).toBe(2);
    expect(await value(metrics, 'wallet_jobs_failed_total', { queue: 'fanout' })).toBe(1);
  });
});

describe('recordJob', () => {
  it('counts completed as processed, retried and dead-lettered as failed, dead-lettered apart too', async () => {
    const metrics = createMetrics({ processMetrics: false });
    recordJob(metrics, 'q', 'completed');
    recordJob(metrics, 'q', 'retried');
    recordJob(metrics, 'q', 'dead_lettered');
    expect(await value(metrics, 'wallet_jobs_processed_total', { queue: 'q' })).toBe(1);
    expect(await value(metrics, 'wallet_jobs_failed_total', { queue: 'q' })).toBe(2);
    expect(await value(metrics, 'wallet_jobs_dead_lettered_total', { queue: 'q' })).toBe(1);
  });
});

describe('recordWebhookDelivery', () => {
  it('counts deliveries by outcome and cancelled subscriptions', async () => {
    const metrics = createMetrics({ processMetrics: false });
    recordWebhookDelivery(metrics, 'delivered');
    recordWebhookDelivery(metrics, 'retrying');
    recordWebhookDelivery(metrics, 'failed', { subscriptionCancelled: true });
    expect(await value(metrics, 'wallet_webhook_deliveries_total', { outcome: 'delivered' })).toBe(1);
    expect(await value(metrics, 'wallet_webhook_deliveries_total', { outcome: 'failed' })).toBe(1);
    expect(await value(metrics, 'wallet_webhook_subscriptions_cancelled_total')).toBe(1);
  });
});

describe('serveMetrics', () => {
  it('serves Prometheus text on loopback at /metrics and nothing else', async () => {
    const metrics = createMetrics({ defaultLabels: { app: 'worker' } });
    metrics.jobsProcessed.inc({ queue: 'q' }, 5);
    const server = await serveMetrics({ port: 0, host: '127.0.0.1', registry: metrics.registry });
    try {
      const res = await fetch(server.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      expect(text).toContain('wallet_jobs_processed_total{queue="q",app="worker"} 5');
      expect(text).toContain('wallet_process_cpu_seconds_total');
      expect((await fetch(server.url.replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('health and readiness beside /metrics', () => {
  it('answers /healthz 200 while the process runs, and /readyz 200 only when every check passes', async () => {
    const metrics = createMetrics({ processMetrics: false });
    let checks: Record<string, boolean> | Error | 'hang' = { database: true, consuming: true };
    const server = await serveMetrics({
      port: 0,
      host: '127.0.0.1',
      registry: metrics.registry,
      readinessTimeoutMs: 300,
      readiness: () => {
        if (checks === 'hang') return new Promise(() => {});
        if (checks instanceof Error) return Promise.reject(checks);
        return Promise.resolve(checks);
      },
    });
    try {
      const get = async (path: string) => {
        const res = await fetch(`${server.origin}${path}`);
        return { status: res.status, body: await res.json() };
      };
      expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await get('/readyz')).toEqual({
        status: 200,
        body: { status: 'ready', checks: { database: true, consuming: true } },
      });
      checks = { database: false, consuming: true };
      expect(await get('/readyz')).toEqual({
        status: 503,
        body: { status: 'not ready', checks: { database: false, consuming: true } },
      });
      checks = new Error('pool closed');
      expect((await get('/readyz')).status).toBe(503);
      checks = 'hang';
      expect((await get('/readyz')).status).toBe(503);
      expect((await get('/healthz')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('backlog gauges', () => {
  it('reads the webhook backlog and the job backlog at each scrape, and drops them when a read fails', async () => {
    let fail = false;
    const metrics = createMetrics({
      processMetrics: false,
      webhookBacklog: async () => {
        if (fail) throw new Error('down');
        return { due: 7, oldestDueAgeSeconds: 12.5 };
      },
      jobBacklog: async () => {
        if (fail) throw new Error('down');
        return [{ queue: 'change-notification', waiting: 3, oldestWaitingAgeSeconds: 4 }];
      },
    });
    expect(await value(metrics, 'wallet_webhook_deliveries_due')).toBe(7);
    expect(await value(metrics, 'wallet_webhook_oldest_due_delivery_age_seconds')).toBe(12.5);
    expect(await value(metrics, 'wallet_jobs_waiting', { queue: 'change-notification' })).toBe(3);
    expect(
      await value(metrics, 'wallet_jobs_oldest_waiting_age_seconds', { queue: 'change-notification' }),
    ).toBe(4);
    fail = true;
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^wallet_webhook_deliveries_due nan$/im);
    expect(text).toMatch(/^wallet_webhook_oldest_due_delivery_age_seconds nan$/im);
    expect(text).not.toMatch(/^wallet_jobs_waiting\{/m);
    expect(text).toMatch(/^wallet_backlog_read_errors_total [1-9]/m);
  });

  it('names every series as promtool expects: only counters end in _total', async () => {
    const metrics = createMetrics({ defaultLabels: { app: 'x' } });
    const text = await metrics.registry.metrics();
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name, type }));
    expect(types.length).toBeGreaterThan(10);
    for (const { name, type } of types) {
      expect({ name, endsInTotal: name?.endsWith('_total') }).toEqual({
        name,
        endsInTotal: type === 'counter',
      });
    }
  });
});
