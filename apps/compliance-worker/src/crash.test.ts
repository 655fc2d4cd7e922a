import { QUEUES } from '@wallet/jobs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnWorker, type WorkerProcess } from './testing/child.js';
import { createWorkerTestBed, type WorkerTestBed, waitFor } from './testing/harness.js';
import { jobsOf } from './testing/queries.js';

const CUSTOMERS = 100;
const ACCOUNTS_PER_CUSTOMER = 20;
let bed: WorkerTestBed;
const children: WorkerProcess[] = [];

beforeAll(async () => {
  bed = await createWorkerTestBed();
});
afterAll(async () => {
  for (const c of children)
    if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  await bed.close();
});

const start = async (extra: Record<string, string> = {}) => {
  const child = await spawnWorker({
    DATABASE_URL: bed.database.connectionString,
    WORKER_CONCURRENCY: '4',
    SUPERVISE_INTERVAL_SECONDS: '2',
    ...extra,
  });
  children.push(child);
  return child;
};

const processedCount = async () =>
  (
    await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM change_notifications WHERE processed_at IS NOT NULL`.execute(
      bed.handle.db,
    )
  ).rows[0]?.n ?? 0;

it('a worker killed with SIGKILL mid-run: after the restart each restriction lands exactly once', async () => {
  const customers: string[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    customers.push(await bed.createCustomer(Array.from({ length: ACCOUNTS_PER_CUSTOMER }, () => 'USD')));
  }
  for (const customer of customers) await bed.notify(customer, new Date());

  const first = await start();
  await waitFor(
    'some notifications processed and others in flight',
    async () =>
      (await processedCount()) >= 10 &&
      (await jobsOf(bed.handle.db, QUEUES.changeNotification)).some((j) => j.state === 'active'),
    30_000,
  );
  first.child.kill('SIGKILL');
  expect((await first.exited).signal).toBe('SIGKILL');
  const processedAtKill = await processedCount();
  const activeAtKill = (await jobsOf(bed.handle.db, QUEUES.changeNotification)).filter(
    (j) => j.state === 'active',
  );
  expect(processedAtKill).toBeLessThan(CUSTOMERS);
  // Jobs were in the middle of their transaction: their claims outlive the process.
  expect(activeAtKill.length).toBeGreaterThan(0);

  const second = await start();
  await waitFor(
    'every notification processed and every job settled',
    async () => {
      const jobs = await jobsOf(bed.handle.db, QUEUES.changeNotification);
      return (await processedCount()) === CUSTOMERS && jobs.every((j) => j.state === 'completed');
    },
    60_000,
  );
  // The orphaned jobs were retried by the heartbeat check, not left for the 15-minute expiry.
  const retried = (await jobsOf(bed.handle.db, QUEUES.changeNotification)).filter((j) =>
    activeAtKill.some((a) => a.id === j.id),
  );
  expect(retried.every((j) => j.retry_count >= 1)).toBe(true);

  const { rows } = await sql<{ customer_id: string; restrictions: number }>`
    SELECT c.id AS customer_id,
      (SELECT count(*)::int FROM restrictions r WHERE r.customer_id = c.id) AS restrictions
    FROM customers c WHERE c.id = ANY(${customers}::bigint[])`.execute(bed.handle.db);
  expect(rows.filter((r) => r.restrictions !== 1)).toEqual([]);
  const statuses = await bed.handle.db
    .selectFrom('accounts')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('customer_id', 'in', customers)
    .groupBy('status')
    .execute();
  expect(statuses).toEqual([{ status: 'RESTRICTED', n: CUSTOMERS * ACCOUNTS_PER_CUSTOMER }]);
  // One Account.UPDATE per account: a rolled-back attempt left no event behind.
  const events = await sql<{ n: number; accounts: number }>`
    SELECT count(*)::int AS n, count(DISTINCT account_id)::int AS accounts FROM account_events`.execute(
    bed.handle.db,
  );
  expect(events.rows[0]).toEqual({
    n: CUSTOMERS * ACCOUNTS_PER_CUSTOMER,
    accounts: CUSTOMERS * ACCOUNTS_PER_CUSTOMER,
  });

  second.child.kill('SIGTERM');
  expect(await second.exited).toEqual({ code: 0, signal: null });
});

it('SIGTERM drains the jobs in flight within the cap, then exits 0', async () => {
  const customers: string[] = [];
  for (let i = 0; i < 30; i++)
    customers.push(await bed.createCustomer(Array.from({ length: 20 }, () => 'EUR')));
  for (const customer of customers) await bed.notify(customer, new Date(), `req-drain-${customer}`);
  const before = await processedCount();
  const worker = await start({ SHUTDOWN_TIMEOUT_MS: '5000' });
  await waitFor('work in flight', async () => (await processedCount()) > before, 30_000);
  const stopAsked = Date.now();
  worker.child.kill('SIGTERM');
  expect(await worker.exited).toEqual({ code: 0, signal: null });
  expect(Date.now() - stopAsked).toBeLessThan(5000 + 3000);
  const jobs = await jobsOf(bed.handle.db, QUEUES.changeNotification);
  expect(jobs.filter((j) => j.state === 'active')).toEqual([]);
  const logs = worker.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(logs.some((l) => l.msg === 'compliance worker stopped')).toBe(true);
  const applied = logs.filter((l) => l.msg === 'change notification applied');
  expect(applied.length).toBeGreaterThan(0);
  expect(applied.every((l) => typeof l.requestId === 'string' && l.requestId.startsWith('req-drain-'))).toBe(
    true,
  );
  expect(worker.lines.join('\n')).not.toContain(bed.database.connectionString);
});
