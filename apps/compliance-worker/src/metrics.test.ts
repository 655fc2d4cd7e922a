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
