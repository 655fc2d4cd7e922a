import { QUEUES } from '@wallet/jobs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorkerTestBed, type InProcessWorker, type WorkerTestBed, waitFor } from './testing/harness.js';
import { restrictionsOf } from './testing/queries.js';

let bed: WorkerTestBed;
let worker: InProcessWorker;

beforeAll(async () => {
  bed = await createWorkerTestBed();
  worker = await bed.startWorker({ METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' });
});
afterAll(() => bed.close());

it('serves jobs processed, failed and dead-lettered per queue, and queue depth, on METRICS_PORT', async () => {
  const customer = await bed.createCustomer();
  await bed.notify(customer, new Date());
  await bed.boss.send(QUEUES.changeNotification, { notificationId: 'not-a-uuid' });
  await waitFor('the restriction', async () => (await restrictionsOf(bed.handle.db, customer)).length === 1);
  await waitFor(
    'the dead letter',
    async () => worker.metrics.get(QUEUES.changeNotification, 'dead_lettered') === 1,
  );

  const res = await fetch(`http://127.0.0.1:${worker.metricsPort}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  const series = (name: string) => `${name}{queue="${QUEUES.changeNotification}",app="compliance-worker"}`;
  expect(text).toContain(`${series('wallet_jobs_processed_total')} 1`);
  expect(text).toContain(`${series('wallet_jobs_failed_total')} 1`);
  expect(text).toContain(`${series('wallet_jobs_dead_lettered_total')} 1`);
  expect(text).toMatch(
    /^wallet_queue_depth\{queue="change-notification",state="queued",app="compliance-worker"\} \d+$/m,
  );
});

it('answers /healthz and /readyz beside /metrics, and serves the waiting jobs of its queues', async () => {
  const origin = `http://127.0.0.1:${worker.metricsPort}`;
  expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  const readyz = await fetch(`${origin}/readyz`);
  expect(readyz.status).toBe(200);
  expect(await readyz.json()).toEqual({ status: 'ready', checks: { database: true, consuming: true } });
  const text = await (await fetch(`${origin}/metrics`)).text();
  for (const queue of [QUEUES.changeNotification, QUEUES.restrictionExpiry]) {
    expect(text).toMatch(
      new RegExp(`^wallet_jobs_waiting\\{queue="${queue}",app="compliance-worker"\\} \\d+$`, 'm'),
    );
    expect(text).toMatch(
      new RegExp(
        `^wallet_jobs_oldest_waiting_age_seconds\\{queue="${queue}",app="compliance-worker"\\} [\\d.e+-]+$`,
        'm',
      ),
    );
  }
});

it('counts jobs due and not taken, and the age of the oldest, from pg-boss at scrape time', async () => {
  const { readJobBacklog } = await import('./backlog.js');
  // A queue nobody consumes here holds jobs as written.
  const queue = QUEUES.changeNotification;
  const before = await readJobBacklog(bed.handle.db, ['no-such-queue']);
  expect(before).toEqual([{ queue: 'no-such-queue', waiting: 0, oldestWaitingAgeSeconds: 0 }]);
  await worker.stop();
  await bed.boss.send(queue, { notificationId: '00000000-0000-4000-8000-000000000001' });
  await bed.boss.send(
    queue,
    { notificationId: '00000000-0000-4000-8000-000000000002' },
    { startAfter: 3600 },
  );
  const [backlog] = await readJobBacklog(bed.handle.db, [queue]);
  expect(backlog?.waiting).toBe(1);
  expect(backlog?.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(0);
  expect(backlog?.oldestWaitingAgeSeconds).toBeLessThan(30);
});
