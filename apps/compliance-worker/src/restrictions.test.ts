import { liftRestriction, lockCustomer } from '@wallet/core';
import { QUEUES } from '@wallet/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerTestBed, type InProcessWorker, type WorkerTestBed, waitFor } from './testing/harness.js';
import { eventsOf, jobsOf, restrictionsOf, statusesOf } from './testing/queries.js';

const PERIOD_SECONDS = 2;
let bed: WorkerTestBed;
let worker: InProcessWorker;

beforeAll(async () => {
  bed = await createWorkerTestBed();
  worker = await bed.startWorker({ PASSWORD_CHANGE_RESTRICTION_SECONDS: String(PERIOD_SECONDS) });
});
afterAll(() => bed.close());

const active = async (customerId: string) =>
  (await restrictionsOf(bed.handle.db, customerId)).filter((r) => r.lifted_at === null);
const processed = async (notificationId: string) =>
  (
    await bed.handle.db
      .selectFrom('change_notifications')
      .select('processed_at')
      .where('id', '=', notificationId)
      .executeTakeFirstOrThrow()
  ).processed_at !== null;
const idOf = (r: Awaited<ReturnType<WorkerTestBed['notify']>>) => {
  if (r.kind !== 'accepted') throw new Error(`expected accepted, got ${r.kind}`);
  return r.notificationId;
};

describe('PASSWORD_CHANGED', () => {
  it('restricts outgoing transactions for the cooling-off period, then lifts it by itself', async () => {
    const customer = await bed.createCustomer(['USD', 'EUR']);
    const changeTime = new Date(Date.now() - 250);
    idOf(await bed.notify(customer, changeTime, 'req-lift-0123456789'));
    const [placed] = await waitFor('the restriction', async () => {
      const rows = await active(customer);
      return rows.length > 0 && rows;
    });
    expect(placed).toMatchObject({
      name: 'OUTGOING_TRANSACTIONS',
      reason: 'RISK_CONTROLS',
      required_actions: ['WAIT'],
      source: 'CHANGE_NOTIFICATION',
      lifted_at: null,
    });
    expect(placed?.expires_at?.getTime()).toBe(changeTime.getTime() + PERIOD_SECONDS * 1000);
    expect(await statusesOf(bed.handle.db, customer)).toEqual(['RESTRICTED', 'RESTRICTED']);
    const expiry = (await jobsOf(bed.handle.db, QUEUES.restrictionExpiry)).find(
      (j) => j.data.restrictionId === placed?.id,
    );
    expect(expiry?.start_after.getTime()).toBe(placed?.expires_at?.getTime());

    await waitFor('the lift', async () => (await active(customer)).length === 0, 15_000);
    const [lifted] = await restrictionsOf(bed.handle.db, customer);
    expect(lifted?.lifted_by).toBe('SYSTEM');
    expect(lifted!.lifted_at!.getTime()).toBeGreaterThanOrEqual(lifted!.expires_at!.getTime());
    expect(await statusesOf(bed.handle.db, customer)).toEqual(['ACTIVE', 'ACTIVE']);
    expect(await eventsOf(bed.handle.db, customer)).toEqual([
      ['ACTIVE', 'RESTRICTED'],
      ['ACTIVE', 'RESTRICTED'],
      ['RESTRICTED', 'ACTIVE'],
      ['RESTRICTED', 'ACTIVE'],
    ]);
    expect(worker.logLines.some((l) => l.includes('"requestId":"req-lift-0123456789"'))).toBe(true);
  });

  it('a later change extends the active restriction and never adds a second one', async () => {
    const customer = await bed.createCustomer();
    const first = new Date();
    await bed.notify(customer, first);
    const [placed] = await waitFor('the restriction', async () => {
      const rows = await active(customer);
      return rows.length > 0 && rows;
    });
    const later = new Date(first.getTime() + 1500);
    const second = idOf(await bed.notify(customer, later));
    await waitFor('the extension', () => processed(second));
    // An older change arriving late changes nothing.
    const older = idOf(await bed.notify(customer, new Date(first.getTime() - 100)));
    await waitFor('the late change', () => processed(older));
    const rows = await active(customer);
    expect(rows.map((r) => [r.id, r.expires_at?.getTime()])).toEqual([
      [placed?.id, later.getTime() + PERIOD_SECONDS * 1000],
    ]);
    // The first expiry job finds the restriction extended and leaves it alone.
    const firstExpiry = await waitFor('the first expiry job', async () =>
      (await jobsOf(bed.handle.db, QUEUES.restrictionExpiry)).find(
        (j) => j.data.restrictionId === placed?.id && j.state === 'completed',
      ),
    );
    expect(firstExpiry.output).toMatchObject({ result: 'not_due' });
    expect(await active(customer)).toHaveLength(1);
    await waitFor('the lift at the later expiry', async () => (await active(customer)).length === 0);
    expect(await restrictionsOf(bed.handle.db, customer)).toHaveLength(1);
    expect(await eventsOf(bed.handle.db, customer)).toEqual([
      ['ACTIVE', 'RESTRICTED'],
      ['RESTRICTED', 'ACTIVE'],
    ]);
  });

  it('places nothing when the cooling-off period is already over', async () => {
    const customer = await bed.createCustomer();
    const id = idOf(await bed.notify(customer, new Date(Date.now() - 60_000)));
    await waitFor('processing', () => processed(id));
    expect(await restrictionsOf(bed.handle.db, customer)).toEqual([]);
    expect(await statusesOf(bed.handle.db, customer)).toEqual(['ACTIVE']);
  });

  it('leaves a restriction that a partner lifted first alone at expiry', async () => {
    const customer = await bed.createCustomer();
    await bed.notify(customer, new Date());
    const [placed] = await waitFor('the restriction', async () => {
      const rows = await active(customer);
      return rows.length > 0 && rows;
    });
    await bed.handle.db.transaction().execute(async (trx) => {
      await lockCustomer({ trx }, bed.tenantId, customer);
      await liftRestriction(
        { trx, boss: bed.boss },
        { customerId: customer, restrictionId: placed!.id, liftedBy: 'PARTNER' },
      );
    });
    const expiry = await waitFor('the expiry job', async () =>
      (await jobsOf(bed.handle.db, QUEUES.restrictionExpiry)).find(
        (j) => j.data.restrictionId === placed?.id && j.state === 'completed',
      ),
    );
    expect(expiry.output).toMatchObject({ result: 'not_active' });
    expect((await restrictionsOf(bed.handle.db, customer))[0]?.lifted_by).toBe('PARTNER');
    expect(await eventsOf(bed.handle.db, customer)).toEqual([
      ['ACTIVE', 'RESTRICTED'],
      ['RESTRICTED', 'ACTIVE'],
    ]);
  });
});

describe('idempotency', () => {
  it('a job delivered twice has the effect of once', async () => {
    const customer = await bed.createCustomer();
    const id = idOf(await bed.notify(customer, new Date()));
    await waitFor('processing', () => processed(id));
    const again = await bed.boss.send(QUEUES.changeNotification, { notificationId: id });
    const job = await waitFor('the redelivered job', async () =>
      (await jobsOf(bed.handle.db, QUEUES.changeNotification)).find(
        (j) => j.id === again && j.state === 'completed',
      ),
    );
    expect(job.output).toEqual({ result: 'already_processed' });
    expect(await restrictionsOf(bed.handle.db, customer)).toHaveLength(1);
    expect(await eventsOf(bed.handle.db, customer)).toEqual([['ACTIVE', 'RESTRICTED']]);
  });

  it('the same change reported again is stored once and enqueued once', async () => {
    const customer = await bed.createCustomer();
    const changeTime = '2030-01-01T00:00:00.123456Z';
    const notifyAt = (t: string) => bed.notify(customer, t);
    // A change in the future is refused by the API; the intake itself takes any instant.
    const first = await notifyAt(changeTime);
    const replay = await notifyAt('2030-01-01T02:00:00.123456+02:00');
    expect(replay).toEqual({ kind: 'replayed', notificationId: idOf(first) });
    expect(await notifyAt('2030-01-01T00:00:00.123457Z')).toMatchObject({ kind: 'accepted' });
    const jobs = (await jobsOf(bed.handle.db, QUEUES.changeNotification)).filter(
      (j) => j.data.notificationId === idOf(first),
    );
    expect(jobs).toHaveLength(1);
  });
});
