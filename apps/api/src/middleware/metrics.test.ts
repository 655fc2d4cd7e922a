import { QUEUES } from '@wallet/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
let call: ReturnType<typeof client>;
beforeAll(async () => {
  api = await startTestApi();
  call = client(api.url, (await api.createTenant()).apiKey);
});
afterAll(async () => {
  await api.stop();
});

async function scrape(): Promise<string> {
  const res = await fetch(`${api.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** The value of one series, matched on the labels given (others may be present). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const pairs = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((p) => [p[1], p[2]]));
    if (Object.entries(labels).every(([k, v]) => pairs[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  it('counts and times requests by method, route pattern and status', async () => {
    await call('GET', '/healthz');
    await call('GET', '/healthz');
    const created = await call('POST', '/v2/customer-persons', {
      externalId: 'metrics-1',
      email: 'a@b.co',
      registrationIp: '198.51.100.7',
    });
    expect(created.status).toBe(201);
    await call('GET', `/v2/customer-persons/${created.body.id}`);
    await client(api.url)('GET', `/v2/customer-persons/${created.body.id}`);
    await call('GET', '/v2/no-such-route/42');

    const text = await scrape();
    const count = (method: string, route: string, status: string) =>
      sample(text, 'wallet_http_requests_total', { app: 'api', method, route, status });
    expect(count('GET', '/healthz', '200')).toBe(2);
    expect(count('POST', '/v2/customer-persons', '201')).toBe(1);
    expect(count('GET', '/v2/customer-persons/:customerId', '200')).toBe(1);
    // Refused by the auth middleware, still labelled with the route it was meant for.
    expect(count('GET', '/v2/customer-persons/:customerId', '401')).toBe(1);
    expect(count('GET', 'unmatched', '404')).toBe(1);
    const timed = { method: 'GET', route: '/healthz', status: '200' };
    expect(sample(text, 'wallet_http_request_duration_seconds_count', timed)).toBe(2);
    expect(sample(text, 'wallet_http_request_duration_seconds_sum', timed)).toBeGreaterThan(0);
    // Raw paths (ids) never become labels.
    expect(text).not.toContain(`/v2/customer-persons/${created.body.id}`);
    expect(text).not.toContain('no-such-route');
  });

  it('reports queue depth from pg-boss at scrape time', async () => {
    const { boss } = api.services;
    await boss.send(QUEUES.changeNotificationDead, { probe: 1 });
    await boss.send(QUEUES.changeNotificationDead, { probe: 2 });
    // pg-boss keeps the counts in its monitor (run by the supervising workers); run it now.
    await boss.supervise(QUEUES.changeNotificationDead);
    const text = await scrape();
    const depth = { queue: QUEUES.changeNotificationDead, state: 'queued' };
    expect(sample(text, 'wallet_queue_depth', depth)).toBe(2);
    expect(sample(text, 'wallet_queue_depth', { queue: QUEUES.webhookFanout, state: 'active' })).toBe(0);
  });

  it('exposes the job and webhook series, at zero in the API process', async () => {
    const text = await scrape();
    for (const name of [
      'wallet_jobs_processed_total',
      'wallet_jobs_failed_total',
      'wallet_webhook_deliveries_total',
      'wallet_webhook_subscriptions_cancelled_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} counter`);
    }
  });
});
