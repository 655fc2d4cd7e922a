// applyChangeNotifications (the group commit's few statements per batch) against the reference: the
// same notifications applied one after the other by applyChangeNotification. Two twin sets of
// customers receive the same changes; one set is applied as a batch, the other one by one, and the
// outcomes, restrictions, Account.UPDATE events and expiry jobs must match.
import { applyChangeNotification, applyChangeNotifications } from '@wallet/core';
import { PermanentJobError, QUEUES } from '@wallet/jobs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorkerTestBed, type WorkerTestBed } from './testing/harness.js';
import { eventsOf, jobsOf, restrictionsOf, statusesOf } from './testing/queries.js';

let bed: WorkerTestBed;

beforeAll(async () => {
  bed = await createWorkerTestBed();
});
afterAll(() => bed.close());

const periods = { PASSWORD_CHANGED: 86_400 };
const hour = 3_600_000;

async function notified(customerId: string, changeTime: Date): Promise<string> {
  const result = await bed.notify(customerId, changeTime, `req-${customerId}-${changeTime.getTime()}`);
  if (result.kind !== 'accepted') throw new Error(`not accepted: ${result.kind}`);
  return result.notificationId;
}

/** One customer's story: placed, extended, kept (older), elapsed (too old), and a repeat of the first. */
async function story(now: number) {
  const [a, b] = [await bed.createCustomer(['USD', 'EUR']), await bed.createCustomer()];
  const ids = [
    await notified(a, new Date(now - 3 * hour)),
    await notified(a, new Date(now - 1 * hour)),
    await notified(a, new Date(now - 2 * hour)),
    await notified(b, new Date(now - 48 * hour)),
    await notified(b, new Date(now - 5 * hour)),
  ];
  return { customers: [a, b], notifications: [...ids, ids[0] as string] };
}

async function stateOf(customers: string[]) {
  const expiries = (await jobsOf(bed.handle.db, QUEUES.restrictionExpiry)).filter((j) =>
    customers.includes(String(j.data.customerId)),
  );
  return Promise.all(
    customers.map(async (customer) => ({
      restrictions: (await restrictionsOf(bed.handle.db, customer)).map((r) => [
        r.source,
        r.reason,
        r.required_actions,
        r.name,
        r.expires_at,
        r.lifted_at,
      ]),
      statuses: await statusesOf(bed.handle.db, customer),
      events: await eventsOf(bed.handle.db, customer),
      // What the partner is sent, and its fan-out job with the causing request's id.
      published: (
        await sql<{ status: string; cause: string; request_id: string | null }>`
          SELECT e.payload->>'status' AS status, split_part(e.cause, ':', 1) AS cause, j.data->>'requestId' AS request_id
          FROM account_events e JOIN accounts a ON a.id = e.account_id
          JOIN pgboss.job j ON j.name = ${QUEUES.webhookFanout} AND j.data->>'eventId' = e.event_id
          WHERE a.customer_id = ${customer} ORDER BY e.id`.execute(bed.handle.db)
      ).rows,
      expiries: expiries
        .filter((j) => String(j.data.customerId) === customer)
        .map((j) => [j.start_after.getTime(), j.data.requestId])
        .sort(),
    })),
  );
}

it('applies a batch with the outcomes and effects of applying its notifications one by one', async () => {
  const now = Date.now();
  const batch = await story(now);
  const single = await story(now);
  const batched = await bed.handle.db
    .transaction()
    .execute((trx) =>
      applyChangeNotifications(
        { trx, boss: bed.boss },
        { notifications: batch.notifications.map((id, i) => ({ id, requestId: `r${i}` })), periods },
      ),
    );
  const oneByOne = await bed.handle.db.transaction().execute(async (trx) => {
    const outcomes = [];
    for (const [i, id] of single.notifications.entries()) {
      outcomes.push(
        await applyChangeNotification(
          { trx, boss: bed.boss, requestId: `r${i}` },
          { notificationId: id, periods },
        ),
      );
    }
    return outcomes;
  });
  const shape = (outcomes: object[]) =>
    outcomes.map((o) => {
      const { restrictionId: _, ...rest } = o as { restrictionId?: string };
      return rest;
    });
  expect(batched.map((o) => o.result)).toEqual([
    'placed',
    'extended',
    'kept',
    'elapsed',
    'placed',
    'already_processed',
  ]);
  expect(shape(batched)).toEqual(shape(oneByOne));
  const [batchState, singleState] = [await stateOf(batch.customers), await stateOf(single.customers)];
  expect(batchState).toEqual(singleState);
  // Placed then extended: one restriction, lasting from the latest change, two expiry jobs.
  expect(batchState[0]?.restrictions).toEqual([
    [
      'CHANGE_NOTIFICATION',
      'RISK_CONTROLS',
      ['WAIT'],
      'OUTGOING_TRANSACTIONS',
      new Date(now - hour + 86_400_000),
      null,
    ],
  ]);
  expect(batchState[0]?.expiries).toHaveLength(2);
  expect(batchState[0]?.events).toHaveLength(2);
  expect(batchState[0]?.published).toEqual([
    { status: 'RESTRICTED', cause: 'restriction.placed', request_id: 'r0' },
    { status: 'RESTRICTED', cause: 'restriction.placed', request_id: 'r0' },
  ]);

  // Everything was marked: the same batch again does nothing.
  const again = await bed.handle.db
    .transaction()
    .execute((trx) =>
      applyChangeNotifications(
        { trx, boss: bed.boss },
        { notifications: batch.notifications.map((id) => ({ id })), periods },
      ),
    );
  expect(again.every((o) => o.result === 'already_processed')).toBe(true);
  expect(await stateOf(batch.customers)).toEqual(batchState);
});

it('refuses a batch naming a notification that does not exist, and changes nothing', async () => {
  const customer = await bed.createCustomer();
  const id = await notified(customer, new Date());
  const run = bed.handle.db
    .transaction()
    .execute((trx) =>
      applyChangeNotifications(
        { trx, boss: bed.boss },
        { notifications: [{ id }, { id: '0f6b2a8e-3c4d-4e5f-8a9b-0c1d2e3f4a5b' }], periods },
      ),
    );
  await expect(run).rejects.toThrow(PermanentJobError);
  expect(await restrictionsOf(bed.handle.db, customer)).toEqual([]);
});
