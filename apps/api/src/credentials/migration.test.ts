import { createDb, migrations } from '@wallet/db';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '@wallet/testkit';
import { Migrator } from 'kysely/migration';
import { expect, inject, it } from 'vitest';
import { hashApiKey } from './secrets.js';

it('migration 0011 turns each tenant’s single key into its first key row', async () => {
  const adminUrl = inject('databaseAdminUrl');
  const name = uniqueDatabaseName('wallet_keys_migration');
  const url = await createDatabase(adminUrl, name);
  const handle = createDb({ connectionString: url, max: 1 });
  try {
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    const before = await migrator.migrateTo('0006_notification_counts');
    expect(before.error).toBeUndefined();
    const hash = hashApiKey('wk_an-existing-key');
    await handle.db.insertInto('tenants').values({ name: 'existing', api_key_hash: hash }).execute();
    const after = await migrator.migrateToLatest();
    expect(after.error).toBeUndefined();
    const keys = await handle.db.selectFrom('api_keys').selectAll().execute();
    expect(keys).toEqual([
      expect.objectContaining({ key_hash: hash, prefix: null, label: 'initial', revoked_at: null }),
    ]);
  } finally {
    await handle.destroy();
    await dropDatabase(adminUrl, name);
  }
});
