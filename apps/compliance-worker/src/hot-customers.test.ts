// The intake and the worker side by side over a few hot customers: the intake's foreign key takes
// FOR KEY SHARE on customers while the worker locks them to place restrictions. Neither may deadlock
// the other into an error: every notification is accepted, and every one is applied.
import { createIntakeBatcher, type IntakeResult } from '@wallet/core';
import { createDb } from '@wallet/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorkerTestBed, type WorkerTestBed, waitFor } from './testing/harness.js';

let bed: WorkerTestBed;

beforeAll(async () => {
  bed = await createWorkerTestBed();
});
afterAll(() => bed.close());

it('concurrent intake over 8 hot customers while the worker consumes: no request fails, every notification is applied', async () => {
  const customers = await Promise.all(Array.from({ length: 8 }, () => bed.createCustomer()));
  const worker = await bed.startWorker({ WORKER_CONCURRENCY: '32' });
  // The API's intake: its own small pool, batches of many customers in flight two at a time.
  const intakePool = createDb({ connectionString: bed.database.connectionString, max: 4 });
  const intake = createIntakeBatcher({ pool: intakePool.pool, boss: bed.boss });
  const base = Date.now() - 60_000;
  const total = 1_200;
  const failures: unknown[] = [];
  const accepted: IntakeResult[] = [];
  try {
    // 48 requests in flight at any time, each to a hot customer, each a new change.
    let next = 0;
    await Promise.all(
      Array.from({ length: 48 }, async () => {
        while (next < total) {
          const i = next++;
          try {
            accepted.push(
              await intake.accept({
                tenantId: bed.tenantId,
                customerId: customers[i % customers.length] as string,
                changeType: 'PASSWORD_CHANGED',
                changeTime: new Date(base + i).toISOString(),
              }),
            );
          } catch (err) {
            failures.push(err);
          }
        }
      }),
    );
    expect(failures.map((e) => (e as { code?: string }).code ?? String(e))).toEqual([]);
    expect(accepted.filter((r) => r.kind === 'accepted')).toHaveLength(total);
    await waitFor(
      'every notification applied',
      async () => {
        const { rows } = await sql<{ pending: string }>`
          SELECT count(*) AS pending FROM change_notifications WHERE processed_at IS NULL`.execute(
          bed.handle.db,
        );
        return Number(rows[0]?.pending) === 0;
      },
      60_000,
    );
  } finally {
    await worker.stop();
    await intakePool.destroy();
  }
}, 90_000);
