import { addNotification, changeWebhookSubscription } from '@wallet/core';
import { QUEUES } from '@wallet/jobs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDispatcher } from './dispatcher.js';
import { dispatcherEnvSchema } from './env.js';
import { fanOut } from './fanout.js';
import { purgeDeliveredBatch, purgeExpiredWebhookData } from './retention.js';
import { RetentionScheduleError } from './retention-job.js';
import { createWorld, memoryLogger, testEnv, type World, waitFor } from './testing/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world.close();
});

const DAY = 86_400_000;
type Ten = [string, string, string, string, string, string, string, string, string, string];
const OLD = new Date(Date.now() - 40 * DAY);

/** Moves rows back in time (created_at cannot be set through the typed tables). */
async function age(
  table: 'webhook_deliveries' | 'account_events' | 'notifications',
  ids: string[],
  at: Date,
) {
  if (ids.length === 0) return;
  if (table === 'webhook_deliveries') {
    await sql`UPDATE webhook_deliveries SET created_at = ${at},
      finished_at = CASE WHEN state = 'PENDING' THEN NULL ELSE ${at}::timestamptz END
      WHERE id = ANY(${ids}::bigint[])`.execute(world.handle.db);
  } else {
    await sql`UPDATE ${sql.table(table)} SET created_at = ${at} WHERE id = ANY(${ids}::bigint[])`.execute(
      world.handle.db,
    );
  }
}

const ids = async (table: 'webhook_deliveries' | 'account_events' | 'webhook_delivery_attempts') =>
  (await world.handle.db.selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id);

/** Every delivery of the events, with one attempt each, in the given state. */
async function settle(eventIds: string[], state: 'DELIVERED' | 'FAILED' | 'CANCELLED' | 'PENDING') {
  const rows = await world.handle.db
    .updateTable('webhook_deliveries')
    .set({ state, attempt_count: 1 })
    .where('event_id', 'in', eventIds)
    .returning('id')
    .execute();
  await world.handle.db
    .insertInto('webhook_delivery_attempts')
    .values(
      rows.map((r) => ({
        delivery_id: r.id,
        attempt: 1,
        attempted_at: OLD,
        duration_ms: 3,
        status_code: state === 'DELIVERED' ? 200 : 500,
        error: null,
        response_body: null,
      })),
    )
    .execute();
  return rows.map((r) => r.id);
}

describe('purgeExpiredWebhookData', () => {
  it('deletes old DELIVERED deliveries, their attempts and unneeded old events, in batches; never an undelivered row or a notification', async () => {
    const tenant = await world.createTenant();
    await world.subscribe(tenant, 'http://127.0.0.1:9/old');
    const { customerId, accountIds } = await world.createCustomer(tenant, ['USD']);
    const [accountId] = accountIds as [string];
    // Ten events of one account, each in its own state, all fanned out (one delivery each).
    const events: string[] = [];
    for (let i = 0; i < 10; i++) events.push(...(await world.toggle(tenant, customerId)));
    await fanOut(world.handle.db, events);
    expect(events).toHaveLength(10);
    const [d1, d2, d3, d4, d5, pending, failed, cancelled, recentDelivered, newest] = events as Ten;
    const oldDelivered = await settle([d1, d2, d3, d4, d5], 'DELIVERED');
    await settle([pending], 'PENDING');
    await settle([failed], 'FAILED');
    await settle([cancelled], 'CANCELLED');
    const recent = await settle([recentDelivered], 'DELIVERED');
    // The newest event of the account is delivered and old too: it stays (previous_status reads it).
    await settle([newest], 'DELIVERED');
    const everyDelivery = await ids('webhook_deliveries');
    await age(
      'webhook_deliveries',
      everyDelivery.filter((id) => !recent.includes(id)),
      OLD,
    );
    await age('account_events', await ids('account_events'), OLD);
    // An event of another account that is old but not fanned out yet: fan-out still needs it.
    const second = await world.createCustomer(tenant, ['EUR']);
    const unfanned = await world.toggle(tenant, second.customerId);
    const later = await world.toggle(tenant, second.customerId);
    await age('account_events', await ids('account_events'), OLD);
    // The notification feed (seed 002) is not webhook data: an old notification stays.
    const note = await world.handle.db
      .transaction()
      .execute((trx) =>
        addNotification(
          { trx },
          { tenantId: tenant, customerId, messageType: 'wallet_verified', type: 'SUCCESS' },
        ),
      );
    await age('notifications', [note.id], OLD);
    const attemptsBefore = (await ids('webhook_delivery_attempts')).length;

    const outcome = await purgeExpiredWebhookData(world.handle.db, {
      retentionDays: 30,
      batchSize: 2,
      budgetMs: 60_000,
    });

    // The five old delivered rows, two at a time: 2 + 2 + 1, the last batch short; then events.
    expect(outcome).toMatchObject({ deliveries: 6, attempts: 6, unfinished: false });
    const left = await world.handle.db
      .selectFrom('webhook_deliveries')
      .select(['id', 'event_id', 'state'])
      .orderBy('id')
      .execute();
    expect(left.map((d) => d.event_id)).toEqual([pending, failed, cancelled, recentDelivered]);
    expect(left.map((d) => d.state)).toEqual(['PENDING', 'FAILED', 'CANCELLED', 'DELIVERED']);
    expect(left.some((d) => oldDelivered.includes(d.id))).toBe(false);
    expect((await ids('webhook_delivery_attempts')).length).toBe(attemptsBefore - 6);
    const remainingEvents = (
      await world.handle.db
        .selectFrom('account_events')
        .select(['event_id', 'account_id'])
        .orderBy('id')
        .execute()
    ).map((e) => e.event_id);
    // d1..d5 go (old, delivered, fanned out, not the newest); every event still referenced stays, the
    // newest one (its old delivery went, but previous_status reads it), and the second account's
    // events, which are not fanned out yet.
    expect(remainingEvents).toEqual([
      pending,
      failed,
      cancelled,
      recentDelivered,
      newest,
      ...unfanned,
      ...later,
    ]);
    expect(outcome.events).toBe(5);
    // Deliveries 2, 2, 2 (the third with the newest event's), then an empty batch; events 2, 2, 1.
    expect(outcome.batches).toBe(7);
    const stillThere = await world.handle.db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', note.id)
      .executeTakeFirst();
    expect(stillThere).toEqual({ id: note.id });
    // The account's cursor is untouched, and the next event's previous_status is still right.
    const cursor = await world.handle.db
      .selectFrom('webhook_fanout_cursors')
      .select('ordering_key')
      .where('ordering_key', '=', String(accountId))
      .executeTakeFirst();
    expect(cursor).toBeDefined();

    // A second run finds nothing more to delete.
    expect(
      await purgeExpiredWebhookData(world.handle.db, { retentionDays: 30, batchSize: 2, budgetMs: 60_000 }),
    ).toMatchObject({ deliveries: 0, attempts: 0, events: 0 });
  });
});

describe('the retention job', () => {
  it('is scheduled by the dispatcher and, when it runs, purges with WEBHOOK_RETENTION_DAYS', async () => {
    const tenant = await world.createTenant();
    const sub = await world.subscribe(tenant, 'http://127.0.0.1:9/job');
    // Paused: the dispatcher fans out but sends nothing, so the rows stay as this test sets them.
    await changeWebhookSubscription(world.handle.db, tenant, sub.id, { status: 'PAUSED' });
    const { customerId } = await world.createCustomer(tenant, ['USD']);
    const events = [...(await world.toggle(tenant, customerId)), ...(await world.toggle(tenant, customerId))];
    const dispatcher = await startDispatcher(
      testEnv(world.database.connectionString, {
        WEBHOOK_RETENTION_DAYS: '7',
        WEBHOOK_RETENTION_BATCH_SIZE: '1',
      }),
      memoryLogger().logger,
    );
    try {
      await waitFor('fanned out', async () => {
        const n = await world.handle.db
          .selectFrom('webhook_deliveries')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('subscription_id', '=', sub.id)
          .executeTakeFirstOrThrow();
        return Number(n.n) === 2;
      });
      const schedules = await world.boss.getSchedules(QUEUES.webhookRetention);
      expect(schedules.map((s) => [s.name, s.cron])).toEqual([[QUEUES.webhookRetention, '17 * * * *']]);
      const [first, second] = events as [string, string];
      const [oldDelivery] = await settle([first], 'DELIVERED');
      const [oldPending] = await settle([second], 'PENDING');
      // Ten days old: past the 7 days of this dispatcher's retention.
      await age(
        'webhook_deliveries',
        [oldDelivery as string, oldPending as string],
        new Date(Date.now() - 10 * DAY),
      );
      await world.boss.send(QUEUES.webhookRetention, {});
      await waitFor(
        'the delivered row purged by the job',
        async () =>
          !(await world.handle.db
            .selectFrom('webhook_deliveries')
            .select('id')
            .where('id', '=', oldDelivery as string)
            .executeTakeFirst()),
        40_000,
      );
      const kept = await world.handle.db
        .selectFrom('webhook_deliveries')
        .select(['id', 'state'])
        .where('subscription_id', '=', sub.id)
        .execute();
      expect(kept).toEqual([{ id: oldPending, state: 'PENDING' }]);
    } finally {
      await dispatcher.stop();
    }
  }, 60_000);
});

describe('WEBHOOK_RETENTION_CRON', () => {
  it('refuses what is not a 5-field cron expression pg-boss accepts, before the dispatcher starts anything', async () => {
    const parse = (cron: string) =>
      dispatcherEnvSchema.safeParse({
        DATABASE_URL: 'postgres://x@127.0.0.1/x',
        WEBHOOK_RETENTION_CRON: cron,
      });
    expect(parse('17 * * * *').success).toBe(true);
    expect(parse('hourly').success).toBe(false);
    // Five fields, but minute 99: pg-boss refuses it, and the dispatcher does not start (main: exit 78).
    const started = startDispatcher(
      testEnv(world.database.connectionString, { WEBHOOK_RETENTION_CRON: '99 * * * *' }),
      memoryLogger().logger,
    );
    await expect(started).rejects.toBeInstanceOf(RetentionScheduleError);
    await expect(started).rejects.toThrow(/WEBHOOK_RETENTION_CRON/);
  });
});

describe('retention and traffic', () => {
  it('skips a row another transaction holds instead of waiting for it, and takes it on the next run', async () => {
    const tenant = await world.createTenant();
    const sub = await world.subscribe(tenant, 'http://127.0.0.1:9/held');
    const { customerId } = await world.createCustomer(tenant, ['USD']);
    const events = await world.toggle(tenant, customerId);
    await fanOut(world.handle.db, events);
    const [held] = await settle(events, 'DELIVERED');
    await age('webhook_deliveries', [held as string], OLD);
    const cutoff = new Date(Date.now() - 30 * DAY);
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked: () => void = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    // A replay copying it holds it FOR SHARE until it commits.
    const holder = world.handle.db.transaction().execute(async (trx) => {
      await trx
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('id', '=', held as string)
        .forShare()
        .execute();
      locked();
      await released;
    });
    await isLocked;
    const started = Date.now();
    expect(await purgeDeliveredBatch(world.handle.db, cutoff, 10)).toEqual({ deliveries: 0, attempts: 0 });
    // No lock wait (lock_timeout is seconds): it went past the row at once.
    expect(Date.now() - started).toBeLessThan(2000);
    release();
    await holder;
    expect(await purgeDeliveredBatch(world.handle.db, cutoff, 10)).toEqual({ deliveries: 1, attempts: 1 });
    expect(
      await world.handle.db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('subscription_id', '=', sub.id)
        .execute(),
    ).toEqual([]);
  });

  it('WEBHOOK_RETENTION_DAYS=0 removes the schedule: nothing is deleted', async () => {
    const scheduling = await startDispatcher(testEnv(world.database.connectionString), memoryLogger().logger);
    await scheduling.stop();
    expect(await world.boss.getSchedules(QUEUES.webhookRetention)).toHaveLength(1);
    const dispatcher = await startDispatcher(
      testEnv(world.database.connectionString, { WEBHOOK_RETENTION_DAYS: '0' }),
      memoryLogger().logger,
    );
    try {
      expect(await world.boss.getSchedules(QUEUES.webhookRetention)).toEqual([]);
    } finally {
      await dispatcher.stop();
    }
  });
});
