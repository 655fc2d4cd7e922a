import { QUEUES } from '@wallet/jobs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorkerTestBed, type InProcessWorker, type WorkerTestBed, waitFor } from './testing/harness.js';
import { jobsOf, restrictionsOf } from './testing/queries.js';

let bed: WorkerTestBed;
let worker: InProcessWorker;

beforeAll(async () => {
  bed = await createWorkerTestBed();
  worker = await bed.startWorker({ WORKER_CONCURRENCY: '2' });
});
afterAll(() => bed.close());

it('dead-letters poison jobs at once with their reason, and keeps processing the others', async () => {
  const before = await bed.createCustomer();
  await bed.notify(before, new Date());
  const invalid = await bed.boss.send(QUEUES.changeNotification, { notificationId: 'not-a-uuid', extra: 1 });
  const missing = await bed.boss.send(QUEUES.changeNotification, {
    notificationId: '5b0e4c1e-8f0a-4d8e-9a43-3c1f2b9d7e61',
  });
  const badExpiry = await bed.boss.send(QUEUES.restrictionExpiry, { restrictionId: 42 });
  const after = await Promise.all([bed.createCustomer(), bed.createCustomer(), bed.createCustomer()]);
  for (const customer of after) await bed.notify(customer, new Date());

  for (const customer of [before, ...after]) {
    await waitFor(
      `customer ${customer}'s restriction`,
      async () => (await restrictionsOf(bed.handle.db, customer)).length === 1,
    );
  }
  const dead = await waitFor('three dead letters', async () => {
    const rows = [
      ...(await jobsOf(bed.handle.db, QUEUES.changeNotificationDead)),
      ...(await jobsOf(bed.handle.db, QUEUES.restrictionExpiryDead)),
    ];
    return rows.length === 3 && rows;
  });
  const reasonOf = (id: string | null) => dead.find((j) => j.source_id === id)?.source_output?.reason;
  expect(reasonOf(invalid)).toMatch(
    /^invalid job data: notificationId: .*; \(data\): Unrecognized key: "extra"/,
  );
  expect(reasonOf(missing)).toBe('change notification 5b0e4c1e-8f0a-4d8e-9a43-3c1f2b9d7e61 does not exist');
  expect(reasonOf(badExpiry)).toMatch(/^invalid job data: restrictionId: /);
  // Dead-lettered on the first attempt: no retries spent on a job that cannot succeed.
  const originals = (await jobsOf(bed.handle.db, QUEUES.changeNotification)).filter((j) =>
    [invalid, missing].includes(j.id),
  );
  expect(originals.map((j) => [j.state, j.retry_count])).toEqual([
    ['failed', 0],
    ['failed', 0],
  ]);
  expect(worker.metrics.get(QUEUES.changeNotification, 'dead_lettered')).toBe(2);
});

it('retries a job whose database connection failed mid-transaction, and applies it once', async () => {
  const customer = await bed.createCustomer();
  // Hold a lock on the customer's row that lets the notification's foreign key through but makes the
  // job's transaction wait inside lockCustomer (FOR UPDATE)...
  const holder = await bed.handle.db.connection().execute(async (conn) => {
    await sql`BEGIN`.execute(conn);
    await sql`SELECT id FROM customers WHERE id = ${customer} FOR NO KEY UPDATE`.execute(conn);
    const result = await bed.notify(customer, new Date());
    // ...then cut that connection, as a failover or a network fault would.
    const killed = await waitFor('the waiting job', async () => {
      const { rows } = await sql<{ n: number }>`
        SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE application_name = 'wallet-compliance-worker' AND wait_event_type = 'Lock'`.execute(conn);
      return (rows[0]?.n ?? 0) > 0 && rows[0]?.n;
    });
    await sql`ROLLBACK`.execute(conn);
    return { result, killed };
  });
  expect(holder.killed).toBe(1);
  if (holder.result.kind !== 'accepted') throw new Error('expected accepted');
  const { notificationId } = holder.result;
  const job = await waitFor('the retried job', async () =>
    (await jobsOf(bed.handle.db, QUEUES.changeNotification)).find(
      (j) => j.data.notificationId === notificationId && j.state === 'completed',
    ),
  );
  expect(job.retry_count).toBeGreaterThanOrEqual(1);
  expect(job.output).toMatchObject({ result: 'placed' });
  expect(await restrictionsOf(bed.handle.db, customer)).toHaveLength(1);
  expect(worker.metrics.get(QUEUES.changeNotification, 'retried')).toBeGreaterThanOrEqual(1);
});
