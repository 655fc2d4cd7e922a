import { createDb, migrations } from '@wallet/db';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '@wallet/testkit';
import { generateSecret, verifyAccountUpdate } from '@wallet/webhooks';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { expect, inject, it } from 'vitest';
import { startDispatcher } from './dispatcher.js';
import { fanOut } from './fanout.js';
import { memoryLogger, testEnv, waitFor } from './testing/fixtures.js';
import { startReceiver } from './testing/receiver.js';

const TENANT = '00000000-0000-4000-8000-000000000001';
const SUBSCRIPTION = '00000000-0000-4000-8000-0000000000a1';

it('delivers a delivery left pending before 0013_event_log, under its old event id, and fans its event out no second time', async () => {
  const adminUrl = inject('databaseAdminUrl');
  const name = uniqueDatabaseName('wallet_migrated');
  const url = await createDatabase(adminUrl, name);
  const handle = createDb({ connectionString: url, max: 2 });
  const receiver = await startReceiver();
  try {
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0012_webhooks')).error).toBeUndefined();
    const secret = generateSecret();
    // Rows as the code before 0013 wrote them: an event fanned out, its delivery still pending.
    await sql
      .raw(`
      INSERT INTO tenants (id, name, api_key_hash) VALUES ('${TENANT}', 't', 'h');
      INSERT INTO customers (id, tenant_id, external_id, type, email, registration_ip)
        VALUES (10000000, '${TENANT}', 'c', 'PERSON', 'a@b.co', '198.51.100.1');
      INSERT INTO accounts (id, tenant_id, customer_id, currency_code, status)
        VALUES (1356001, '${TENANT}', 10000000, 'USD', 'BLOCKED');
      INSERT INTO account_events (event_id, tenant_id, account_id, previous_status, status, payload, cause)
        VALUES ('EVT1358000', '${TENANT}', 1356001, 'ACTIVE', 'BLOCKED',
          '{"status":"BLOCKED","id":"1356001","name":"General Account"}', 'RESTRICTION_PLACED');
      INSERT INTO webhook_subscriptions (id, tenant_id, url, event_types, secret, max_attempts)
        VALUES ('${SUBSCRIPTION}', '${TENANT}', '${receiver.url}', '{Account.UPDATE}', '${secret}', 3);
      INSERT INTO webhook_fanout_cursors (account_id, last_event_id) SELECT account_id, id FROM account_events;
      INSERT INTO webhook_deliveries (subscription_id, event_id, account_id) VALUES ('${SUBSCRIPTION}', 'EVT1358000', 1356001);
    `)
      .execute(handle.db);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const dispatcher = await startDispatcher(testEnv(url), memoryLogger().logger);
    try {
      await waitFor('the old delivery sent', () => receiver.requests.length === 1);
      const request = receiver.requests[0];
      const body = verifyAccountUpdate(
        secret,
        request?.body ?? '',
        request?.headers as Record<string, string>,
      );
      expect(body.eventId).toBe('EVT1358000');
      // Seed 001's key order, as before the migration.
      expect(request?.body).toContain(
        '"payload":{"id":"1356001","name":"General Account","status":"BLOCKED"}',
      );
      await waitFor('DELIVERED', async () => {
        const row = await handle.db
          .selectFrom('webhook_deliveries')
          .select('state')
          .executeTakeFirstOrThrow();
        return row.state === 'DELIVERED';
      });
      // The carried-over cursor: fanning the old event out again adds nothing.
      expect(await fanOut(handle.db, ['EVT1358000'])).toBe(0);
    } finally {
      await dispatcher.stop();
    }
  } finally {
    await receiver.close();
    await handle.destroy();
    await dropDatabase(adminUrl, name);
  }
});
