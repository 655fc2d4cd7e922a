// @wallet/jobs' typed producers (sendJob, insertJobs) against a real pg-boss. Tested here, where a
// migrated database is at hand (@wallet/jobs cannot depend on this package, which depends on it).
import { createDb, type DbHandle } from '@wallet/db';
import { createBoss, fromKysely, insertJobs, type JobData, type PgBoss, QUEUES, sendJob } from '@wallet/jobs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database.js';

let database: TestDatabase;
let handle: DbHandle;
let boss: PgBoss;

const expiry = (n: number): JobData<typeof QUEUES.restrictionExpiry> => ({
  restrictionId: '0b8e7a1e-7d3c-4a59-9d8e-2f4a3c1b5e6d',
  tenantId: '5f0c2b9e-1d7a-4c3e-8b6f-9a2d4e1c7b30',
  customerId: String(10_000_000 + n),
  requestId: `send-job-${n}`,
});

async function jobsOf(requestId: string): Promise<unknown[]> {
  const { rows } = await sql<{ data: unknown }>`
    SELECT data FROM pgboss.job WHERE data->>'requestId' = ${requestId}`.execute(handle.db);
  return rows.map((r) => r.data);
}

class Rollback extends Error {}

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb({ connectionString: database.connectionString, max: 2 });
  boss = createBoss({ connectionString: database.connectionString, max: 2 });
  boss.on('error', () => {});
  await boss.start();
});
afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  await handle.destroy();
  await database.drop();
});

describe('sendJob', () => {
  it('in a transaction that commits, leaves its job with its data', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await sendJob(boss, QUEUES.restrictionExpiry, expiry(1), { db: fromKysely(trx) });
    });
    expect(await jobsOf('send-job-1')).toEqual([expiry(1)]);
  });

  it('in a transaction that rolls back, leaves no job', async () => {
    const run = handle.db.transaction().execute(async (trx) => {
      const id = await sendJob(boss, QUEUES.restrictionExpiry, expiry(2), { db: fromKysely(trx) });
      // The job exists inside the transaction...
      const { rows } = await sql`SELECT 1 FROM pgboss.job WHERE id = ${id}::uuid`.execute(trx);
      expect(rows).toHaveLength(1);
      throw new Rollback();
    });
    await expect(run).rejects.toThrow(Rollback);
    // ...and not after it.
    expect(await jobsOf('send-job-2')).toEqual([]);
  });

  it('refuses data its queue schema rejects, and stores nothing', async () => {
    const bad = { ...expiry(3), customerId: 'not-a-number' };
    await expect(sendJob(boss, QUEUES.restrictionExpiry, bad, { db: fromKysely(handle.db) })).rejects.toThrow(
      /restriction-expiry: invalid job data: customerId/,
    );
    expect(await jobsOf('send-job-3')).toEqual([]);
  });
});

describe('insertJobs', () => {
  it('in a transaction that rolls back, leaves none of its jobs', async () => {
    const run = handle.db.transaction().execute(async (trx) => {
      await insertJobs(boss, QUEUES.restrictionExpiry, [{ data: expiry(4) }, { data: expiry(4) }], {
        db: fromKysely(trx),
      });
      throw new Rollback();
    });
    await expect(run).rejects.toThrow(Rollback);
    expect(await jobsOf('send-job-4')).toEqual([]);
  });

  it('stores all of its jobs, or none when one of them is bad', async () => {
    await insertJobs(boss, QUEUES.restrictionExpiry, [{ data: expiry(5) }, { data: expiry(5) }], {
      db: fromKysely(handle.db),
    });
    expect(await jobsOf('send-job-5')).toHaveLength(2);
    const bad = { ...expiry(6), tenantId: 'nobody' };
    await expect(
      insertJobs(boss, QUEUES.restrictionExpiry, [{ data: expiry(6) }, { data: bad }], {
        db: fromKysely(handle.db),
      }),
    ).rejects.toThrow(/tenantId/);
    expect(await jobsOf('send-job-6')).toEqual([]);
  });
});
