import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createDb, migrateToLatest } from '@wallet/db';
import { startEmbeddedPostgres } from '@wallet/db/embedded';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './test-database.js';

describe('migrations', () => {
  it('a test database holds every table, the pg-boss schema, and re-running migrations is a no-op', async () => {
    const database = await createTestDatabase();
    const handle = createDb({ connectionString: database.connectionString, max: 1 });
    try {
      const tables = await sql<{ table_name: string }>`
        SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`.execute(handle.db);
      const names = tables.rows.map((r) => r.table_name);
      for (const t of [
        'tenants',
        'customers',
        'accounts',
        'restrictions',
        'account_events',
        'kysely_migration',
      ]) {
        expect(names).toContain(t);
      }
      const boss = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'pgboss'`.execute(
        handle.db,
      );
      expect(boss.rows[0]?.n).toBeGreaterThan(0);
      expect(await migrateToLatest(handle.db)).toEqual([]);
    } finally {
      await handle.destroy();
      await database.drop();
    }
  });
});

describe('embedded PostgreSQL', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('starts on a port other than 5432, creates the database, and restarts on the same data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wallet-embedded-'));
    dirs.push(dir);
    await chmod(dir, 0o755);
    const first = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), ephemeral: true });
    expect(first.port).not.toBe(5432);
    const handle = createDb({ connectionString: first.connectionString, max: 1 });
    await migrateToLatest(handle.db);
    await handle.db.insertInto('tenants').values({ name: 'kept', api_key_hash: 'h' }).execute();
    await handle.destroy();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), ephemeral: true });
    const again = createDb({ connectionString: second.connectionString, max: 1 });
    const rows = await again.db.selectFrom('tenants').select('name').execute();
    await again.destroy();
    await second.stop();
    expect(rows).toEqual([{ name: 'kept' }]);
  });

  // Only root runs the server as another user (`postgres`), which cannot enter a 0700 folder.
  it('explains what to do when the checkout sits under a folder only its owner can open (as root)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wallet-private-'));
    dirs.push(dir);
    await mkdir(join(dir, 'repo'));
    await chmod(dir, 0o700);
    const starting = startEmbeddedPostgres({ dataDir: join(dir, 'repo', '.data', 'pg'), ephemeral: true });
    if (userInfo().uid === 0) {
      await expect(starting).rejects.toThrow(/not searchable by other users.*chmod o\+x .*DATABASE_URL/s);
    } else {
      await (await starting).stop();
    }
  });
});
