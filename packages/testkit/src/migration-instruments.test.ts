import { createDb, migrations } from '@wallet/db';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase, uniqueDatabaseName } from './databases.js';
import './provided.js';

it('0007_instruments upper-cases stored currencies and drops the type invented for a CHF request', async () => {
  const adminUrl = inject('databaseAdminUrl');
  const name = uniqueDatabaseName('wallet_migration');
  const handle = createDb({ connectionString: await createDatabase(adminUrl, name), max: 1 });
  try {
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0006_notification_counts')).error).toBeUndefined();
    // Rows as the code before 0007 wrote them.
    await sql`
      INSERT INTO tenants (id, name, api_key_hash) VALUES ('00000000-0000-4000-8000-000000000001', 't', 'h');
      INSERT INTO customers (id, tenant_id, external_id, type, email, registration_ip)
        VALUES (10000000, '00000000-0000-4000-8000-000000000001', 'c', 'PERSON', 'a@b.co', '198.51.100.1');
      INSERT INTO accounts (id, tenant_id, customer_id, currency_code, status) VALUES
        (1, '00000000-0000-4000-8000-000000000001', 10000000, 'chf', 'ACTIVE'),
        (2, '00000000-0000-4000-8000-000000000001', 10000000, 'EUR', 'ACTIVE');
      INSERT INTO virtual_account_assignments (account_id, instrument_type, status, status_reason) VALUES
        (1, 'SEPA_BANK_ACCOUNT', 'REJECTED', 'No virtual bank account is offered for chf'),
        (2, 'SEPA_BANK_ACCOUNT', 'PENDING', NULL);
    `.execute(handle.db);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const accounts = await handle.db
      .selectFrom('accounts')
      .select(['id', 'currency_code'])
      .orderBy('id')
      .execute();
    expect(accounts.map((a) => a.currency_code)).toEqual(['CHF', 'EUR']);
    const requests = await handle.db
      .selectFrom('virtual_account_assignments')
      .select(['account_id', 'instrument_type', 'status'])
      .orderBy('account_id')
      .execute();
    expect(requests).toEqual([
      { account_id: '1', instrument_type: null, status: 'REJECTED' },
      { account_id: '2', instrument_type: 'SEPA_BANK_ACCOUNT', status: 'PENDING' },
    ]);
    // From now on the database itself refuses a lower-case code.
    await expect(
      sql`UPDATE accounts SET currency_code = 'eur' WHERE id = 2`.execute(handle.db),
    ).rejects.toThrow(/accounts_currency_code_upper/);
  } finally {
    await handle.destroy();
    await dropDatabase(adminUrl, name);
  }
});
