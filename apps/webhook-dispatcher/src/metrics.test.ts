import { QUEUES } from '@wallet/jobs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningDispatcher, startDispatcher } from './dispatcher.js';
import { createWorld, memoryLogger, testEnv, type World, waitFor } from './testing/fixtures.js';
import { type Receiver, startReceiver } from './testing/receiver.js';

let world: World;
let dispatcher: RunningDispatcher;
const receivers: Receiver[] = [];

beforeAll(async () => {
  world = await createWorld();
  const env = testEnv(world.database.connectionString, { METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' });
  dispatcher = await startDispatcher(env, memoryLogger().logger);
});
afterAll(async () => {
  await dispatcher.stop();
  for (const r of receivers) await r.close();
  await world.close();
});

it('serves deliveries by outcome, cancelled subscriptions and fan-out jobs on METRICS_PORT', async () => {
  const ok = await startReceiver(() => ({ status: 200 }));
  const failing = await startReceiver(() => ({ status: 500 }));
  receivers.push(ok, failing);
  const tenant = await world.createTenant();
  await world.subscribe(tenant, ok.url);
  const doomed = await world.subscribe(tenant, failing.url, { maxAttempts: 1 });
  const { customerId } = await world.createCustomer(tenant, ['USD']);
  await world.toggle(tenant, customerId);

  const scrape = async () => {
    const res = await fetch(dispatcher.metricsUrl ?? 'http://127.0.0.1:1/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const app = 'app="webhook-dispatcher"';
  const text = await waitFor('both outcomes counted', async () => {
    const t = await scrape();
    return t.includes(`wallet_webhook_deliveries_total{outcome="failed",${app}} 1`) && t;
  });
  expect(text).toContain(`wallet_webhook_deliveries_total{outcome="delivered",${app}} 1`);
  expect(text).toContain(`wallet_webhook_subscriptions_cancelled_total{${app}} 1`);
  expect(text).toMatch(
    new RegExp(`^wallet_jobs_processed_total\\{queue="${QUEUES.webhookFanout}",${app}\\} [1-9]`, 'm'),
  );
  const row = await world.handle.db
    .selectFrom('webhook_subscriptions')
    .select('status')
    .where('id', '=', doomed.id)
    .executeTakeFirstOrThrow();
  expect(row.status).toBe('CANCELLED');
});

it('answers /healthz and /readyz beside /metrics, and serves the backlog gauges', async () => {
  const origin = dispatcher.metricsOrigin;
  const healthz = await fetch(`${origin}/healthz`);
  expect(healthz.status).toBe(200);
  const readyz = await fetch(`${origin}/readyz`);
  expect(readyz.status).toBe(200);
  expect(await readyz.json()).toEqual({ status: 'ready', checks: { database: true, consuming: true } });
  const text = await (await fetch(dispatcher.metricsUrl)).text();
  expect(text).toMatch(/^wallet_webhook_deliveries_due\{app="webhook-dispatcher"\} \d+$/m);
  expect(text).toMatch(
    /^wallet_webhook_oldest_due_delivery_age_seconds\{app="webhook-dispatcher"\} [\d.e+-]+$/m,
  );
});
