import { changeWebhookSubscription } from '@wallet/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningDispatcher, startDispatcher } from './dispatcher.js';
import { createWorld, memoryLogger, sleep, testEnv, type World, waitFor } from './testing/fixtures.js';
import { type Receiver, startReceiver } from './testing/receiver.js';

let world: World;
let paused: Receiver;
let control: Receiver;
const replicas: RunningDispatcher[] = [];

beforeAll(async () => {
  world = await createWorld();
  // Two replicas, as in production: a pause must hold on both.
  for (let i = 0; i < 2; i++) {
    const env = testEnv(world.database.connectionString, { WEBHOOK_RETRY_DELAYS: '0.2' });
    replicas.push(await startDispatcher(env, memoryLogger().logger));
  }
});
afterAll(async () => {
  for (const r of replicas) await r.stop();
  await paused?.close();
  await control?.close();
  await world.close();
});

const distinct = (ids: string[]) => ids.filter((e, i) => e !== ids[i - 1]);

it('accumulates deliveries while paused, retries included, and sends them in order once resumed', async () => {
  let failNext = false;
  let failed = false;
  paused = await startReceiver(() => {
    if (failNext) {
      failNext = false;
      failed = true;
      return { status: 500 };
    }
    return { status: 200 };
  });
  control = await startReceiver();
  const tenant = await world.createTenant();
  const sub = await world.subscribe(tenant, paused.url, { maxAttempts: 10 });
  await world.subscribe(tenant, control.url, { maxAttempts: 10 });
  const customers = [
    await world.createCustomer(tenant, ['USD', 'EUR']),
    await world.createCustomer(tenant, ['USD']),
  ];
  const expected = new Map<string, string[]>();
  const change = async () => {
    for (const { customerId, accountIds } of customers) {
      const events = await world.toggle(tenant, customerId);
      events.forEach((eventId, i) => {
        const id = accountIds[i] as string;
        expected.set(id, [...(expected.get(id) ?? []), eventId]);
      });
    }
  };
  const total = () => [...expected.values()].reduce((n, l) => n + l.length, 0);

  await change();
  await waitFor('the first round delivered', () => paused.requests.length === total());

  // The next event fails once; pause as soon as that attempt is seen, with its retry 0.2 s away.
  failNext = true;
  await change();
  await waitFor('the failed attempt', () => failed);
  const pause = await changeWebhookSubscription(world.handle.db, tenant, sub.id, { status: 'PAUSED' });
  expect(pause).toMatchObject({ kind: 'changed', row: { status: 'PAUSED' } });
  const sentBeforePause = paused.requests.length;
  const beforePause = total();
  await change();
  await change();
  const madeWhilePaused = total() - beforePause;
  await waitFor(
    'the other subscription gets everything meanwhile',
    () => control.requests.length === total(),
  );
  // Its retry came due long ago and every event is recorded, but nothing goes to the paused one.
  await sleep(1500);
  // An attempt in flight at the pause may finish; nothing is claimed after it.
  expect(paused.requests.length).toBeLessThanOrEqual(sentBeforePause + 2);
  const heldCount = paused.requests.length;
  const pending = await world.handle.db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('subscription_id', '=', sub.id)
    .where('state', '=', 'PENDING')
    .executeTakeFirstOrThrow();
  // Every event made while paused waits as PENDING (and the retried one too, unless its retry beat the pause).
  expect(Number(pending.n)).toBeGreaterThanOrEqual(madeWhilePaused);
  await sleep(500);
  expect(paused.requests.length).toBe(heldCount);

  const resume = await changeWebhookSubscription(world.handle.db, tenant, sub.id, { status: 'ACTIVE' });
  expect(resume).toMatchObject({ kind: 'changed', row: { status: 'ACTIVE' } });
  await waitFor(
    'everything delivered after the resume',
    () => new Set(paused.requests.map((r) => r.eventId)).size === total(),
    20_000,
  );
  for (const [accountId, events] of expected) {
    const seen = paused.requests.filter((r) => r.accountId === accountId).map((r) => r.eventId);
    expect(distinct(seen)).toEqual(events);
  }
  // Every delivery settles as DELIVERED: none was cancelled or dropped by the pause.
  const states = () =>
    world.handle.db
      .selectFrom('webhook_deliveries')
      .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
      .where('subscription_id', '=', sub.id)
      .groupBy('state')
      .execute();
  await waitFor('every delivery settled', async () => (await states()).every((r) => r.state !== 'PENDING'));
  expect(await states()).toEqual([{ state: 'DELIVERED', n: String(total()) }]);
}, 40_000);
