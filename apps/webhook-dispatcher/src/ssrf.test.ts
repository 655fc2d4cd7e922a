import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningDispatcher, startDispatcher } from './dispatcher.js';
import { createWorld, memoryLogger, testEnv, type World, waitFor } from './testing/fixtures.js';
import { type Receiver, startReceiver } from './testing/receiver.js';

let world: World;
let receiver: Receiver;
let dispatcher: RunningDispatcher;

beforeAll(async () => {
  world = await createWorld();
  receiver = await startReceiver();
  const env = testEnv(world.database.connectionString, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
  dispatcher = await startDispatcher(env, memoryLogger().logger);
});
afterAll(async () => {
  await dispatcher.stop();
  await receiver.close();
  await world.close();
});

it('refuses to connect to a loopback address at delivery time, by literal or by name', async () => {
  const tenant = await world.createTenant();
  const port = new URL(receiver.url).port;
  // Stored directly: the API would have refused them already (the DNS answer may change later).
  const literal = await world.subscribe(tenant, receiver.url, { maxAttempts: 1 });
  const named = await world.subscribe(tenant, `http://localhost:${port}/hooks`, { maxAttempts: 1 });
  const { customerId } = await world.createCustomer(tenant, ['USD']);
  await world.toggle(tenant, customerId);
  const attempts = await waitFor('both attempts', async () => {
    const rows = await world.handle.db
      .selectFrom('webhook_delivery_attempts')
      .innerJoin('webhook_deliveries', 'webhook_deliveries.id', 'webhook_delivery_attempts.delivery_id')
      .select(['subscription_id', 'status_code', 'error'])
      .execute();
    return rows.length === 2 && rows;
  });
  const byId = new Map(attempts.map((a) => [a.subscription_id, a]));
  expect(byId.get(literal.id)).toMatchObject({
    status_code: null,
    error: 'blocked: 127.0.0.1 is a loopback address',
  });
  expect(byId.get(named.id)?.error).toMatch(/localhost resolves to a loopback address/);
  expect(receiver.requests).toHaveLength(0);
  const subs = await world.handle.db.selectFrom('webhook_subscriptions').select('status').execute();
  expect(subs.map((s) => s.status)).toEqual(['CANCELLED', 'CANCELLED']);
});
