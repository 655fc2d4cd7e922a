// Migration 0006: notification_counts follows every write to notifications, in the same statement.
import { createDb, type DbHandle } from '@wallet/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database.js';

let database: TestDatabase;
let handle: DbHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb({ connectionString: database.connectionString, max: 2 });
});
afterAll(async () => {
  await handle.destroy();
  await database.drop();
});

/** The counters and the counts of the rows themselves, per customer. */
async function both() {
  const counters = await sql<{ customer_id: string; total: string; unseen: string }>`
    SELECT customer_id, total, unseen FROM notification_counts WHERE total <> 0 OR unseen <> 0
    ORDER BY customer_id`.execute(handle.db);
  const actual = await sql<{ customer_id: string; total: string; unseen: string }>`
    SELECT customer_id, count(*) AS total, count(*) FILTER (WHERE state = 'UNSEEN') AS unseen
    FROM notifications GROUP BY customer_id ORDER BY customer_id`.execute(handle.db);
  return { counters: counters.rows, actual: actual.rows };
}

it('counts inserts (bulk and single), state changes and deletes per customer', async () => {
  const { rows } = await sql<{ tenant: string; customers: string[] }>`
    WITH t AS (INSERT INTO tenants (name, api_key_hash) VALUES ('counts', repeat('0', 64)) RETURNING id),
    c AS (
      INSERT INTO customers (tenant_id, external_id, type, email, registration_ip)
      SELECT t.id, 'c' || g, 'PERSON', 'c@example.com', '198.51.100.1' FROM t, generate_series(1, 3) g
      RETURNING id, tenant_id
    )
    SELECT (SELECT id FROM t) AS tenant, array_agg(id ORDER BY id) AS customers FROM c`.execute(handle.db);
  const { tenant, customers } = rows[0] as { tenant: string; customers: string[] };
  const [a, b, c] = customers as [string, string, string];

  await sql`
    INSERT INTO notifications (tenant_id, customer_id, message_type, type, state)
    SELECT ${tenant}, (ARRAY[${a}, ${b}]::bigint[])[1 + g % 2], 'wallet_verified', 'SUCCESS',
      CASE WHEN g % 3 = 0 THEN 'SEEN' ELSE 'UNSEEN' END
    FROM generate_series(1, 25) g`.execute(handle.db);
  await handle.db
    .insertInto('notifications')
    .values({ tenant_id: tenant, customer_id: c, message_type: 'idnow_link', type: 'INFORMATION' })
    .execute();
  let now = await both();
  expect(now.counters).toEqual(now.actual);
  expect(now.counters.map((r) => Number(r.total))).toEqual([12, 13, 1]);

  await sql`UPDATE notifications SET state = 'SEEN' WHERE customer_id = ${a}`.execute(handle.db);
  await sql`UPDATE notifications SET state = 'UNSEEN' WHERE customer_id IN (${b}, ${c})`.execute(handle.db);
  // An update that changes no state changes no count.
  await sql`UPDATE notifications SET link = 'https://example.com' WHERE customer_id = ${c}`.execute(
    handle.db,
  );
  now = await both();
  expect(now.counters).toEqual(now.actual);
  expect(now.counters.map((r) => Number(r.unseen))).toEqual([0, 13, 1]);

  await sql`DELETE FROM notifications WHERE customer_id = ${b} AND id % 2 = 0`.execute(handle.db);
  await sql`DELETE FROM notifications WHERE customer_id = ${c}`.execute(handle.db);
  now = await both();
  expect(now.counters).toEqual(now.actual);
});
