import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type DbHandle } from '@wallet/db';
import { findFreePort } from '@wallet/db/embedded';
import { createTestDatabase, type TestDatabase } from '@wallet/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiClient, waitFor } from './api-client.js';
import { type AppProcess, appProcess } from './processes.js';
import { always200, type Receiver, startReceiver } from './receivers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CUSTOMERS = 60;
const adminToken = 'replicas-admin-token-0123456789abcdef';

let database: TestDatabase;
let handle: DbHandle;
let receiver: Receiver;
const apps: AppProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb({ connectionString: database.connectionString, max: 2 });
  receiver = await startReceiver('replicas', always200);
});
afterAll(async () => {
  for (const app of apps) await app.stop();
  await receiver.close();
  await handle.destroy();
  await database.drop();
});

it('two compliance workers and two dispatchers at once: every job applied once, every event delivered once', async () => {
  const port = await findFreePort(57100);
  const env = {
    ...process.env,
    DATABASE_URL: database.connectionString,
    ADMIN_TOKEN: adminToken,
    PORT: String(port),
    HOST: '127.0.0.1',
    RUN_MIGRATIONS: 'false',
    LOG_LEVEL: 'warn',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  };
  const log = (name: string) => join(tmpdir(), `wallet-replicas-${process.pid}-${name}.log`);
  for (const [name, count] of [
    ['api', 1],
    ['compliance-worker', 2],
    ['webhook-dispatcher', 2],
  ] as const) {
    for (let i = 0; i < count; i++)
      apps.push(appProcess(name, `${ROOT}apps/${name}/dist/main.js`, env, log(`${name}-${i}`)));
  }
  for (const app of apps) app.start();
  const base = `http://127.0.0.1:${port}`;
  expect(
    await waitFor(
      'the API',
      async () => (await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200,
      30_000,
    ),
  ).toBe(true);

  const tenant = await apiClient(base, adminToken)('POST', '/admin/tenants', { name: 'replicas' });
  const call = apiClient(base, (tenant.body as { apiKey: string }).apiKey);
  expect(
    (await call('POST', '/v2/webhook-subscriptions', { url: receiver.url, eventTypes: ['Account.UPDATE'] }))
      .status,
  ).toBe(201);
  const ids: string[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const c = await call('POST', '/v2/customer-persons', {
      externalId: `r-${i}`,
      email: 'r@x.test',
      registrationIp: '192.0.2.1',
    });
    const id = (c.body as { id: string }).id;
    await call('POST', `/v2/customer-persons/${id}/accounts`, { currencyCode: 'EUR' });
    ids.push(id);
  }
  const changeTime = new Date().toISOString();
  const accepted = await Promise.all(
    ids.map((id) =>
      call('POST', `/v2/customer-persons/${id}/change-notifications`, {
        changeType: 'PASSWORD_CHANGED',
        changeTime,
      }),
    ),
  );
  expect(accepted.every((r) => r.status === 202)).toBe(true);

  const done = await waitFor('all deliveries', async () => receiver.delivered.size >= CUSTOMERS, 60_000);
  expect(done).toBe(true);
  // Let any duplicate that a second replica might send arrive before counting.
  await new Promise((r) => setTimeout(r, 2_000));

  const perCustomer = await handle.db
    .selectFrom('restrictions')
    .select(['customer_id', sql<number>`count(*)::int`.as('n')])
    .groupBy('customer_id')
    .execute();
  expect(perCustomer).toHaveLength(CUSTOMERS);
  expect(perCustomer.every((r) => r.n === 1)).toBe(true);
  const events = await handle.db.selectFrom('account_events').select('event_id').execute();
  expect(events).toHaveLength(CUSTOMERS);
  const received = receiver.requests.map((r) => r.eventId);
  expect(received).toHaveLength(CUSTOMERS);
  expect(new Set(received).size).toBe(CUSTOMERS);
  const attempts = await sql<{ n: number }>`SELECT count(*)::int AS n FROM webhook_delivery_attempts`.execute(
    handle.db,
  );
  expect(attempts.rows[0]?.n).toBe(CUSTOMERS);
});
