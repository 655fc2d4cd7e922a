// Group commit of the intake (createIntakeBatcher): notifications accepted in the same turn of the
// event loop share one statement, and one bad member never costs the others their answer.
import { randomBytes } from 'node:crypto';
import { createDb, type DbHandle } from '@wallet/db';
import { createBoss, type PgBoss, QUEUES } from '@wallet/jobs';
import {
  createTestDatabase,
  startTcpProxy,
  type TcpProxy,
  type TestDatabase,
  viaProxy,
} from '@wallet/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createIntakeBatcher, type IntakeBatcher, IntakeOverloadedError } from './intake-batcher.js';

let database: TestDatabase;
let proxy: TcpProxy;
/** The intake's own pool, through a proxy that the outage test cuts; the other pools go direct. */
let intakeHandle: DbHandle;
let handle: DbHandle;
let boss: PgBoss;
let intake: IntakeBatcher;
let tenantId: string;
let n = 0;

async function createTenant(): Promise<string> {
  const row = await handle.db
    .insertInto('tenants')
    .values({ name: `batch-${++n}`, api_key_hash: randomBytes(16).toString('hex') })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function newCustomer(tenant = tenantId): Promise<string> {
  const row = await handle.db
    .insertInto('customers')
    .values({
      tenant_id: tenant,
      external_id: `batch-${++n}`,
      type: 'PERSON',
      email: 'a@b.co',
      registration_ip: '198.51.100.42',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

const change = (customerId: string, changeTime: string, idempotencyKey?: string) => ({
  tenantId,
  customerId,
  changeType: 'PASSWORD_CHANGED' as const,
  changeTime,
  idempotencyKey,
});

async function jobCount(notificationIds: string[]): Promise<number> {
  const { rows } = await sql<{ count: string }>`
    SELECT count(*) FROM pgboss.job WHERE name = ${QUEUES.changeNotification}
      AND data->>'notificationId' = ANY(${notificationIds})`.execute(handle.db);
  return Number(rows[0]?.count);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const target = new URL(database.connectionString);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  // As the API builds it (apps/api/src/server.ts): a small pool of its own, generic plans.
  intakeHandle = createDb({
    connectionString: viaProxy(database.connectionString, proxy),
    max: 4,
    genericPlans: true,
    onPoolError: () => {},
  });
  handle = createDb({ connectionString: database.connectionString, max: 4 });
  boss = createBoss({ connectionString: database.connectionString, max: 2 });
  boss.on('error', () => {});
  await boss.start();
  intake = createIntakeBatcher({ pool: intakeHandle.pool, boss });
  tenantId = await createTenant();
});
afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  await intakeHandle.destroy();
  await handle.destroy();
  await proxy.close();
  await database.drop();
});

it('notifications accepted together are stored in one transaction, each with its job', async () => {
  const customers = await Promise.all(Array.from({ length: 20 }, () => newCustomer()));
  const results = await Promise.all(customers.map((c) => intake.accept(change(c, '2024-03-01T10:00:00Z'))));
  expect(results.map((r) => r.kind)).toEqual(Array(20).fill('accepted'));
  const rows = await handle.db
    .selectFrom('change_notifications')
    .select(['id', 'customer_id', sql<string>`xmin::text`.as('xmin')])
    .where('customer_id', 'in', customers)
    .execute();
  expect(rows.map((r) => r.customer_id).sort()).toEqual([...customers].sort());
  // One statement: every row was written by the same transaction.
  expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
  const ids = results.map((r) => (r.kind === 'accepted' ? r.notificationId : ''));
  expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
  expect(await jobCount(ids)).toBe(20);
});

it('a replay, a reused key, an unknown or foreign customer and a twin get their own answers; the rest are stored', async () => {
  const [a, b, c, d] = await Promise.all([newCustomer(), newCustomer(), newCustomer(), newCustomer()]);
  const foreign = await newCustomer(await createTenant());
  expect((await intake.accept(change(a, '2024-03-01T10:00:00Z'))).kind).toBe('accepted');
  expect((await intake.accept(change(b, '2024-03-01T10:00:00Z', `k-${b}`))).kind).toBe('accepted');

  const results = await Promise.all([
    intake.accept(change(a, '2024-03-01T12:00:00+02:00')), // the same instant as before
    intake.accept(change(b, '2024-03-01T11:00:00Z', `k-${b}`)), // the key, another change
    intake.accept(change('999999999', '2024-03-01T10:00:00Z')),
    intake.accept(change(foreign, '2024-03-01T10:00:00Z')),
    intake.accept(change(c, '2024-03-01T10:00:00Z')),
    intake.accept(change(c, '2024-03-01T10:00:00Z')), // its twin, in the same batch
    intake.accept(change(d, '2024-03-01T10:00:00Z')),
  ]);
  expect(results.map((r) => r.kind)).toEqual([
    'replayed',
    'key_conflict',
    'customer_not_found',
    'customer_not_found',
    'accepted',
    'replayed',
    'accepted',
  ]);
  const stored = await handle.db
    .selectFrom('change_notifications')
    .select(['id', 'customer_id'])
    .where('customer_id', 'in', [a, b, c, d, foreign])
    .execute();
  expect(stored.map((r) => r.customer_id).sort()).toEqual([a, b, c, d].sort());
  expect(await jobCount(stored.map((r) => r.id))).toBe(4);
});

it('a database failure fails every notification of the batch, and stores none', async () => {
  const customers = await Promise.all([newCustomer(), newCustomer(), newCustomer()]);
  await proxy.cut();
  try {
    const settled = await Promise.allSettled(
      customers.map((c) => intake.accept(change(c, '2024-03-01T10:00:00Z'))),
    );
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
  } finally {
    await proxy.restore();
  }
  const stored = await handle.db
    .selectFrom('change_notifications')
    .select('id')
    .where('customer_id', 'in', customers)
    .execute();
  expect(stored).toEqual([]);
});

it('replays and unknown customers in a batch are answered inside its one statement: the new ones still share one transaction', async () => {
  const customers = await Promise.all(Array.from({ length: 12 }, () => newCustomer()));
  const [first, ...others] = customers as [string, ...string[]];
  expect((await intake.accept(change(first, '2024-05-01T10:00:00Z'))).kind).toBe('accepted');

  const results = await Promise.all([
    ...others.map((c) => intake.accept(change(c, '2024-05-01T10:00:00Z'))),
    intake.accept(change(first, '2024-05-01T10:00:00Z')),
    intake.accept(change('999999998', '2024-05-01T10:00:00Z')),
  ]);
  expect(results.map((r) => r.kind)).toEqual([
    ...others.map(() => 'accepted'),
    'replayed',
    'customer_not_found',
  ]);
  const rows = await handle.db
    .selectFrom('change_notifications')
    .select(['id', sql<string>`xmin::text`.as('xmin')])
    .where('customer_id', 'in', others)
    .execute();
  // Refusing the batch whole and storing its members one by one would give each its own transaction.
  expect(rows).toHaveLength(others.length);
  expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
  // Jobs for the stored rows only: the replay enqueued nothing more.
  const all = await handle.db
    .selectFrom('change_notifications')
    .select('id')
    .where('customer_id', 'in', customers)
    .execute();
  expect(await jobCount(all.map((r) => r.id))).toBe(customers.length);
  const { rows: orphans } = await sql<{ count: string }>`
    SELECT count(*) FROM pgboss.job j WHERE j.name = ${QUEUES.changeNotification}
      AND NOT EXISTS (SELECT 1 FROM change_notifications n WHERE n.id::text = j.data->>'notificationId')`.execute(
    handle.db,
  );
  expect(Number(orphans[0]?.count)).toBe(0);
});

it('of two notifications with one Idempotency-Key in flight together, the first to arrive is accepted, whatever their customers', async () => {
  const low = await newCustomer();
  const high = await newCustomer();
  const results = await Promise.all([
    intake.accept(change(high, '2024-06-01T10:00:00Z', `twin-${high}`)),
    intake.accept(change(low, '2024-06-01T10:00:00Z', `twin-${high}`)),
  ]);
  expect(results.map((r) => r.kind)).toEqual(['accepted', 'key_conflict']);
});

it('refuses a notification at once when the waiting list is full, and still answers those already waiting', async () => {
  const [a, b, c] = await Promise.all([newCustomer(), newCustomer(), newCustomer()]);
  const small = createIntakeBatcher({ pool: intakeHandle.pool, boss }, { maxWaiting: 2 });
  const first = small.accept(change(a, '2024-07-01T10:00:00Z'));
  const second = small.accept(change(b, '2024-07-01T10:00:00Z'));
  await expect(small.accept(change(c, '2024-07-01T10:00:00Z'))).rejects.toThrow(IntakeOverloadedError);
  expect((await first).kind).toBe('accepted');
  expect((await second).kind).toBe('accepted');
  expect(small.depth()).toEqual({ waiting: 0, inFlight: 0 });
});
