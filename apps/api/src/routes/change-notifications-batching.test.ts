// Group commit of the intake (createIntakeBatcher): notifications accepted in the same turn of the
// event loop share one statement, and one bad member never costs the others their answer.
import { createDb, type DbHandle } from '@wallet/db';
import { QUEUES } from '@wallet/jobs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
let handle: DbHandle;
let tenantId: string;
let call: ReturnType<typeof client>;
let n = 0;

async function newCustomer(caller = call): Promise<string> {
  const res = await caller('POST', '/v2/customer-persons', {
    externalId: `batch-${++n}`,
    email: 'a@b.co',
    registrationIp: '198.51.100.42',
  });
  return res.body.id as string;
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
  api = await startTestApi();
  const tenant = await api.createTenant();
  call = client(api.url, tenant.apiKey);
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
  const row = await handle.db
    .selectFrom('tenants')
    .select('id')
    .where('name', '=', tenant.name)
    .executeTakeFirstOrThrow();
  tenantId = row.id;
});
afterAll(async () => {
  await handle.destroy();
  await api.stop();
});

it('notifications accepted together are stored in one transaction, each with its job', async () => {
  const customers = await Promise.all(Array.from({ length: 20 }, () => newCustomer()));
  const results = await Promise.all(
    customers.map((c) => api.services.intake.accept(change(c, '2024-03-01T10:00:00Z'))),
  );
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
  const foreign = await newCustomer(client(api.url, (await api.createTenant()).apiKey));
  expect((await api.services.intake.accept(change(a, '2024-03-01T10:00:00Z'))).kind).toBe('accepted');
  expect((await api.services.intake.accept(change(b, '2024-03-01T10:00:00Z', `k-${b}`))).kind).toBe(
    'accepted',
  );

  const results = await Promise.all([
    api.services.intake.accept(change(a, '2024-03-01T12:00:00+02:00')), // the same instant as before
    api.services.intake.accept(change(b, '2024-03-01T11:00:00Z', `k-${b}`)), // the key, another change
    api.services.intake.accept(change('999999999', '2024-03-01T10:00:00Z')),
    api.services.intake.accept(change(foreign, '2024-03-01T10:00:00Z')),
    api.services.intake.accept(change(c, '2024-03-01T10:00:00Z')),
    api.services.intake.accept(change(c, '2024-03-01T10:00:00Z')), // its twin, in the same batch
    api.services.intake.accept(change(d, '2024-03-01T10:00:00Z')),
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
  await api.databaseProxy.cut();
  try {
    const settled = await Promise.allSettled(
      customers.map((c) => api.services.intake.accept(change(c, '2024-03-01T10:00:00Z'))),
    );
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
  } finally {
    await api.databaseProxy.restore();
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
  expect((await api.services.intake.accept(change(first, '2024-05-01T10:00:00Z'))).kind).toBe('accepted');

  const results = await Promise.all([
    ...others.map((c) => api.services.intake.accept(change(c, '2024-05-01T10:00:00Z'))),
    api.services.intake.accept(change(first, '2024-05-01T10:00:00Z')),
    api.services.intake.accept(change('999999998', '2024-05-01T10:00:00Z')),
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
    api.services.intake.accept(change(high, '2024-06-01T10:00:00Z', `twin-${high}`)),
    api.services.intake.accept(change(low, '2024-06-01T10:00:00Z', `twin-${high}`)),
  ]);
  expect(results.map((r) => r.kind)).toEqual(['accepted', 'key_conflict']);
});
