// @wallet/db's pools prepare parameterised statements by name (PreparingClient). Tested here, where
// a migrated database is at hand.
import { createDb, type DbHandle } from '@wallet/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database.js';

let database: TestDatabase;
let handle: DbHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  // One connection, so that every query below meets the same session.
  handle = createDb({ connectionString: database.connectionString, max: 1 });
});
afterAll(async () => {
  await handle.destroy();
  await database.drop();
});

const tenantNamed = (name: string) =>
  handle.db.selectFrom('tenants').selectAll().where('name', '=', name).execute();

async function prepared(): Promise<string[]> {
  const { rows } = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(
    handle.db,
  );
  return rows.map((r) => r.statement);
}

it('prepares a parameterised statement once per connection and reuses it', async () => {
  await tenantNamed('a');
  await tenantNamed('b');
  const statements = await prepared();
  expect(statements.filter((s) => s.includes('from "tenants"'))).toHaveLength(1);
  // A statement without parameters (the one above) is not prepared.
  expect(statements.some((s) => s.includes('pg_prepared_statements'))).toBe(false);
});

it('after a row-type change refuses the prepared statement once, then runs it unprepared', async () => {
  await tenantNamed('c');
  await sql`ALTER TABLE tenants ADD COLUMN prepared_test_extra int`.execute(handle.db);
  await expect(tenantNamed('c')).rejects.toMatchObject({ code: '0A000' });
  await expect(tenantNamed('c')).resolves.toEqual([]);
});

it('genericPlans pools plan prepared statements generically', async () => {
  const generic = createDb({ connectionString: database.connectionString, max: 1, genericPlans: true });
  try {
    const { rows } = await sql<{ plan_cache_mode: string }>`SHOW plan_cache_mode`.execute(generic.db);
    expect(rows[0]?.plan_cache_mode).toBe('force_generic_plan');
  } finally {
    await generic.destroy();
  }
  const { rows } = await sql<{ plan_cache_mode: string }>`SHOW plan_cache_mode`.execute(handle.db);
  expect(rows[0]?.plan_cache_mode).toBe('auto');
});

it("answers both of pg's forms, and fails with PostgreSQL's error in both, prepared or not", async () => {
  const client = await handle.pool.connect();
  try {
    // The promise form (Kysely's), prepared and unprepared.
    await expect(client.query('SELECT $1::int + 1 AS n', [41])).resolves.toMatchObject({ rows: [{ n: 42 }] });
    await expect(client.query('SELECT 7 AS n')).resolves.toMatchObject({ rows: [{ n: 7 }] });
    await expect(client.query('SELECT $1::int AS n', ['x'])).rejects.toMatchObject({ code: '22P02' });
    await expect(client.query('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
    // The callback form (pg-pool's pool.query).
    const viaCallback = (text: string, values?: unknown[]) =>
      new Promise((resolve, reject) => {
        client.query(text, values ?? [], (err, result) => (err ? reject(err) : resolve(result.rows)));
      });
    await expect(viaCallback('SELECT $1::int * 2 AS n', [21])).resolves.toEqual([{ n: 42 }]);
    await expect(viaCallback('SELECT $1::int AS n', ['y'])).rejects.toMatchObject({ code: '22P02' });
  } finally {
    client.release();
  }
});
