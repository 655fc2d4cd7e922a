// Group commit (settleTogether): the change notifications of one fetched batch share a transaction,
// and a batch that fails runs again one job at a time, so a poison job costs the others nothing.
import { QUEUES } from '@wallet/jobs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorkerTestBed, type WorkerTestBed, waitFor } from './testing/harness.js';
import { eventsOf, jobsOf } from './testing/queries.js';

let bed: WorkerTestBed;

beforeAll(async () => {
  bed = await createWorkerTestBed();
});
afterAll(() => bed.close());

/** The transaction that wrote each customer's restriction. */
async function writers(customers: string[]): Promise<string[]> {
  const { rows } = await sql<{ xmin: string }>`
    SELECT xmin::text FROM restrictions WHERE customer_id = ANY(${customers}::bigint[])`.execute(
    bed.handle.db,
  );
  return rows.map((r) => r.xmin);
}

const restricted = (customers: string[]) => async () =>
  (await writers(customers)).length === customers.length;

it('applies a fetched batch in one transaction', async () => {
  const customers = await Promise.all(Array.from({ length: 6 }, () => bed.createCustomer()));
  // Queued before any worker runs, so that one fetch (up to 8) takes them all.
  for (const customer of customers) await bed.notify(customer, new Date());
  const worker = await bed.startWorker({ WORKER_CONCURRENCY: '8' });
  await waitFor('six restrictions', restricted(customers));
  await worker.stop();
  expect(new Set(await writers(customers)).size).toBe(1);
  for (const customer of customers) expect(await eventsOf(bed.handle.db, customer)).toHaveLength(1);
  expect(worker.metrics.get(QUEUES.changeNotification, 'completed')).toBe(6);
});

it('a poison job in the batch is dead-lettered; the others are applied once each, on their own', async () => {
  const customers = await Promise.all(Array.from({ length: 4 }, () => bed.createCustomer()));
  for (const customer of customers.slice(0, 2)) await bed.notify(customer, new Date());
  const missing = await bed.boss.send(QUEUES.changeNotification, {
    notificationId: '0f6b2a8e-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
  });
  for (const customer of customers.slice(2)) await bed.notify(customer, new Date());
  const worker = await bed.startWorker({ WORKER_CONCURRENCY: '8' });
  await waitFor('four restrictions', restricted(customers));
  const dead = await waitFor('the dead letter', async () => {
    const rows = (await jobsOf(bed.handle.db, QUEUES.changeNotificationDead)).filter(
      (j) => j.source_id === missing,
    );
    return rows.length === 1 && rows;
  });
  await worker.stop();
  expect(dead[0]?.source_output?.reason).toBe(
    'change notification 0f6b2a8e-3c4d-4e5f-8a9b-0c1d2e3f4a5b does not exist',
  );
  // The shared transaction rolled back; each then committed in a transaction of its own.
  expect(new Set(await writers(customers)).size).toBe(4);
  for (const customer of customers) expect(await eventsOf(bed.handle.db, customer)).toHaveLength(1);
  expect(worker.metrics.get(QUEUES.changeNotification, 'completed')).toBe(4);
  expect(worker.metrics.get(QUEUES.changeNotification, 'dead_lettered')).toBe(1);
});
