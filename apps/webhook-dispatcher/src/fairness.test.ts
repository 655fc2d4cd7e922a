// One tenant with many subscriptions to dead endpoints must not delay another tenant's deliveries:
// in-flight deliveries are capped per destination and per tenant, and the claim skips what is capped.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningDispatcher, startDispatcher } from './dispatcher.js';
import { createWorld, memoryLogger, testEnv, type World, waitFor } from './testing/fixtures.js';
import { type Receiver, startReceiver } from './testing/receiver.js';

let world: World;
let dispatcher: RunningDispatcher | undefined;
const receivers: Receiver[] = [];

beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await dispatcher?.stop();
  for (const r of receivers) await r.close();
  await world.close();
});

async function receiver(hang: boolean): Promise<Receiver> {
  const r = await startReceiver(() => ({ status: 200, hang }));
  receivers.push(r);
  return r;
}

it('a tenant with 50 subscriptions to dead endpoints holds only its share of slots; another tenant is delivered at once', async () => {
  const deadHost = await receiver(true);
  const otherDead = await Promise.all(Array.from({ length: 10 }, () => receiver(true)));
  const live = await receiver(false);

  const heavy = await world.createTenant();
  for (let i = 0; i < 30; i++) await world.subscribe(heavy, `${deadHost.url}?n=${i}`, { maxAttempts: 3 });
  for (const [i, r] of otherDead.entries()) {
    for (let j = 0; j < 2; j++) await world.subscribe(heavy, `${r.url}?n=${i}-${j}`, { maxAttempts: 3 });
  }
  const { customerId: heavyCustomer } = await world.createCustomer(heavy, ['USD']);

  dispatcher = await startDispatcher(
    testEnv(world.database.connectionString, {
      WEBHOOK_CONCURRENCY: '16',
      WEBHOOK_TIMEOUT_MS: '4000',
      WEBHOOK_LEASE_SECONDS: '10',
      WEBHOOK_RETRY_DELAYS: '30',
      WEBHOOK_MAX_IN_FLIGHT_PER_DESTINATION: '4',
      WEBHOOK_MAX_IN_FLIGHT_PER_TENANT: '8',
    }),
    memoryLogger().logger,
  );
  await world.toggle(heavy, heavyCustomer);
  const deadRequests = () => [deadHost, ...otherDead].reduce((n, r) => n + r.requests.length, 0);
  // The heavy tenant's first attempts are out and hanging.
  await waitFor('the heavy tenant at its cap', () => deadRequests() >= 8, 10_000);

  const light = await world.createTenant();
  await world.subscribe(light, live.url);
  const { customerId: lightCustomer } = await world.createCustomer(light, ['EUR']);
  const sent = Date.now();
  const [eventId] = await world.toggle(light, lightCustomer);
  await waitFor('the light tenant delivered', () => live.requests.some((r) => r.eventId === eventId), 10_000);
  const latency = Date.now() - sent;

  // Well inside the dead endpoints' 4 s timeout: the light tenant did not wait for a slot.
  expect(latency).toBeLessThan(2_000);
  // Caps held while the dead endpoints hung: 4 per destination, 8 for the tenant.
  expect(deadHost.requests.length).toBeLessThanOrEqual(4);
  expect(deadRequests()).toBeLessThanOrEqual(8);
}, 30_000);
