import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { QUEUES } from '@wallet/jobs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld, type World, waitFor } from './testing/fixtures.js';
import { type Receiver, startReceiver } from './testing/receiver.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

let world: World;
let receiver: Receiver;
const children: ChildProcess[] = [];

/** The dispatcher as deployed: `node dist/main.js`, its own process. */
function spawnDispatcher(): ChildProcess {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the workspace first`);
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: world.database.connectionString,
      LOG_LEVEL: 'warn',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_RETRY_DELAYS: '0.2,0.2,0.2',
      WEBHOOK_TIMEOUT_MS: '1000',
      WEBHOOK_LEASE_SECONDS: '2',
      WEBHOOK_SUPERVISE_INTERVAL_SECONDS: '1',
      WEBHOOK_POLL_INTERVAL_MS: '100',
      WEBHOOK_CONCURRENCY: '8',
      SHUTDOWN_TIMEOUT_MS: '5000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | string | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode ?? child.signalCode);
    else child.once('exit', (code, signal) => resolve(code ?? signal));
  });

beforeAll(async () => {
  world = await createWorld();
  // Slow enough that a good share of the deliveries is in flight when the process is killed.
  receiver = await startReceiver(() => ({ status: 200, delayMs: 40 }));
});
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await receiver.close();
  await world.close();
});

it('loses no event when the dispatcher is SIGKILLed mid-run and restarted; SIGTERM then drains', async () => {
  const tenant = await world.createTenant();
  await world.subscribe(tenant, receiver.url, { maxAttempts: 4 });
  const customers = [];
  for (let i = 0; i < 6; i++) customers.push(await world.createCustomer(tenant, ['USD', 'EUR']));
  const first = spawnDispatcher();
  const events: string[] = [];
  for (let round = 0; round < 5; round++) {
    for (const { customerId } of customers) events.push(...(await world.toggle(tenant, customerId)));
  }
  expect(events).toHaveLength(60);

  await waitFor('deliveries under way', () => receiver.requests.length >= 12, 20_000);
  first.kill('SIGKILL');
  expect(await exited(first)).toBe('SIGKILL');
  const atKill = new Set(receiver.requests.map((r) => r.eventId)).size;
  expect(atKill).toBeLessThan(events.length);

  const second = spawnDispatcher();
  await waitFor(
    'every event delivered at least once',
    () => events.every((e) => receiver.requests.some((r) => r.eventId === e)),
    30_000,
  );
  const states = await waitFor('every delivery settled', async () => {
    const rows = await world.handle.db.selectFrom('webhook_deliveries').select('state').execute();
    return rows.every((r) => r.state === 'DELIVERED') && rows;
  });
  expect(states).toHaveLength(60);

  second.kill('SIGTERM');
  expect(await exited(second)).toBe(0);
}, 60_000);

it('hands out again, within seconds, a fan-out job whose dispatcher died holding it', async () => {
  const tenant = await world.createTenant();
  await world.subscribe(tenant, receiver.url);
  const { customerId } = await world.createCustomer(tenant, ['USD']);
  const events = await world.toggle(tenant, customerId);
  // A dispatcher that takes the fan-out job and dies: nobody completes it, nobody beats its heartbeat.
  const taken = await world.boss.fetch(QUEUES.webhookFanout, { batchSize: 10 });
  expect(taken.map((j) => (j.data as { eventId: string }).eventId)).toEqual(events);

  const dispatcher = spawnDispatcher();
  await waitFor(
    'the event delivered',
    () => events.every((e) => receiver.requests.some((r) => r.eventId === e)),
    40_000,
  );
  const { rows } = await sql<{ state: string; retry_count: number }>`
    SELECT state, retry_count FROM pgboss.job WHERE id = ANY(${taken.map((j) => j.id)}::uuid[])`.execute(
    world.handle.db,
  );
  expect(rows).toEqual([{ state: 'completed', retry_count: 1 }]);
  dispatcher.kill('SIGTERM');
  expect(await exited(dispatcher)).toBe(0);
}, 60_000);
