import { expect, inject, it } from 'vitest';
import { withAdminClient } from './databases.js';
import { openScratchDatabase } from './scratch-database.js';
import './provided.js';

const exists = (adminUrl: string, name: string) =>
  withAdminClient(adminUrl, async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  });

it('opens an empty database of its own on the given server, and drops it on close', async () => {
  const adminUrl = inject('databaseAdminUrl');
  const scratch = await openScratchDatabase('wallet_scratch', { serverUrl: adminUrl });
  const name = new URL(scratch.url).pathname.slice(1);
  expect(name).toMatch(/^wallet_scratch_\d+_[0-9a-f]+$/);
  expect(await exists(adminUrl, name)).toBe(true);
  const tables = await withAdminClient(scratch.url, (c) =>
    c.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"),
  );
  expect(tables.rows[0].n).toBe(0);
  await scratch.close();
  expect(await exists(adminUrl, name)).toBe(false);
});
