import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningDispatcher, startDispatcher } from './dispatcher.js';
import { createWorld, memoryLogger, testEnv, type World, waitFor } from './testing/fixtures.js';
import { type Receiver, startReceiver } from './testing/receiver.js';

let world: World;
let receiver: Receiver;
const replicas: RunningDispatcher[] = [];

beforeAll(async () => {
  world = await createWorld();
  // Two replicas at once, as in production: they must neither reorder nor lose anything.
  for (let i = 0; i < 2; i++) {
    const env = testEnv(world.database.connectionString, { WEBHOOK_RETRY_DELAYS: '0.05' });
    replicas.push(await startDispatcher(env, memoryLogger().logger));
  }
});
afterAll(async () => {
  for (const r of replicas) await r.stop();
  await receiver?.close();
  await world.close();
});

const sequence = (eventId: string) => Number(eventId.slice(3));

it('sends one account’s events in the order of its changes, retries included, across replicas', async () => {
  const failedOnce = new Set<string>();
  receiver = await startReceiver((req) => {
    // Every third event fails its first attempt; answers take a little while, in varying amounts.
    if (sequence(req.eventId) % 3 === 0 && !failedOnce.has(req.eventId)) {
      failedOnce.add(req.eventId);
      return { status: 500 };
    }
    return { status: 200, delayMs: sequence(req.eventId) % 7 };
  });
  const tenant = await world.createTenant();
  await world.subscribe(tenant, receiver.url, { maxAttempts: 10 });
  const customers = [];
  for (let i = 0; i < 4; i++) customers.push(await world.createCustomer(tenant, ['USD', 'EUR']));
  const expected = new Map<string, string[]>();
  for (let round = 0; round < 6; round++) {
    for (const { customerId, accountIds } of customers) {
      const events = await world.toggle(tenant, customerId);
      events.forEach((eventId, i) => {
        const list = expected.get(accountIds[i]!) ?? [];
        list.push(eventId);
        expected.set(accountIds[i]!, list);
      });
    }
  }
  const total = [...expected.values()].reduce((n, l) => n + l.length, 0);
  expect(total).toBe(48);
  await waitFor(
    'every event delivered',
    () =>
      new Set(receiver.requests.map((r) => r.eventId)).size === total && receiver.requests.length >= total,
    30_000,
  );
  await waitFor('the retries too', () => receiver.requests.length === total + failedOnce.size);

  for (const [accountId, events] of expected) {
    const seen = receiver.requests.filter((r) => r.accountId === accountId).map((r) => r.eventId);
    // In arrival order: never a later change before an earlier one, and each one until it succeeds.
    const distinct = seen.filter((e, i) => e !== seen[i - 1]);
    expect(distinct).toEqual(events);
    for (let i = 1; i < seen.length; i++)
      expect(sequence(seen[i]!)).toBeGreaterThanOrEqual(sequence(seen[i - 1]!));
  }
  expect(failedOnce.size).toBeGreaterThan(0);
});
