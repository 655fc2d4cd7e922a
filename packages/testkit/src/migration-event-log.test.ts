import { createDb, migrations } from '@wallet/db';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase, uniqueDatabaseName } from './databases.js';
import './provided.js';

const TENANT = '00000000-0000-4000-8000-000000000001';
const SUBSCRIPTION = '00000000-0000-4000-8000-0000000000a1';

it('0013_event_log carries account_events, the fan-out cursors and the deliveries forward into the event log', async () => {
  const adminUrl = inject('databaseAdminUrl');
  const name = uniqueDatabaseName('wallet_migration');
  const handle = createDb({ connectionString: await createDatabase(adminUrl, name), max: 1 });
  try {
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0012_webhooks')).error).toBeUndefined();
    // Rows as the code before 0013 wrote them: two accounts' events, a cursor, a pending and a
    // delivered delivery (with an attempt), and a replay.
    // One multi-statement text: no parameters (a prepared statement holds one command).
    await sql
      .raw(`
      INSERT INTO tenants (id, name, api_key_hash) VALUES ('${TENANT}', 't', 'h');
      INSERT INTO customers (id, tenant_id, external_id, type, email, registration_ip)
        VALUES (10000000, '${TENANT}', 'c', 'PERSON', 'a@b.co', '198.51.100.1');
      INSERT INTO accounts (id, tenant_id, customer_id, currency_code, status) VALUES
        (1356001, '${TENANT}', 10000000, 'USD', 'BLOCKED'),
        (1356002, '${TENANT}', 10000000, 'EUR', 'ACTIVE');
      INSERT INTO account_events (event_id, tenant_id, account_id, previous_status, status, payload, cause) VALUES
        ('EVT1358000', '${TENANT}', 1356001, 'ACTIVE', 'BLOCKED', '{"id":"1356001","status":"BLOCKED"}', 'RESTRICTION_PLACED'),
        ('EVT1358001', '${TENANT}', 1356002, 'ACTIVE', 'BLOCKED', '{"id":"1356002","status":"BLOCKED"}', 'RESTRICTION_PLACED'),
        ('EVT1358002', '${TENANT}', 1356002, 'BLOCKED', 'ACTIVE', '{"id":"1356002","status":"ACTIVE"}', 'RESTRICTION_LIFTED');
      INSERT INTO webhook_subscriptions (id, tenant_id, url, event_types, secret, max_attempts)
        VALUES ('${SUBSCRIPTION}', '${TENANT}', 'https://example.com/hooks', '{Account.UPDATE}', 'whsec_x', 5);
      INSERT INTO webhook_fanout_cursors (account_id, last_event_id)
        SELECT account_id, max(id) FROM account_events GROUP BY account_id;
      INSERT INTO webhook_deliveries (subscription_id, event_id, account_id, state, attempt_count) VALUES
        ('${SUBSCRIPTION}', 'EVT1358000', 1356001, 'DELIVERED', 1),
        ('${SUBSCRIPTION}', 'EVT1358001', 1356002, 'PENDING', 0),
        ('${SUBSCRIPTION}', 'EVT1358002', 1356002, 'PENDING', 0);
      INSERT INTO webhook_deliveries (subscription_id, event_id, account_id, replay)
        VALUES ('${SUBSCRIPTION}', 'EVT1358000', 1356001, true);
      INSERT INTO webhook_delivery_attempts (delivery_id, attempt, attempted_at, duration_ms, status_code)
        SELECT id, 1, now(), 12, 200 FROM webhook_deliveries WHERE event_id = 'EVT1358000' AND NOT replay;
    `)
      .execute(handle.db);
    const before = await sql<{ id: string }>`SELECT id::text FROM account_events ORDER BY id`.execute(
      handle.db,
    );
    const [id1, id2, id3] = before.rows.map((r) => r.id);
    expect((await migrator.migrateTo('0013_event_log')).error).toBeUndefined();

    const events = await handle.db.selectFrom('events').selectAll().orderBy('id').execute();
    expect(
      events.map((e) => [e.id, e.event_id, e.event_type, e.subject_type, e.subject_id, e.ordering_key]),
    ).toEqual([
      [id1, 'EVT1358000', 'Account.UPDATE', 'Account', '1356001', '1356001'],
      [id2, 'EVT1358001', 'Account.UPDATE', 'Account', '1356002', '1356002'],
      [id3, 'EVT1358002', 'Account.UPDATE', 'Account', '1356002', '1356002'],
    ]);
    expect(events[2]).toMatchObject({
      tenant_id: TENANT,
      account_id: '1356002',
      previous_status: 'BLOCKED',
      status: 'ACTIVE',
      cause: 'RESTRICTION_LIFTED',
      payload: { id: '1356002', status: 'ACTIVE' },
    });
    // The old shape still reads, as a view of the Account.UPDATE rows.
    const view = await handle.db
      .selectFrom('account_events')
      .select(['event_id', 'account_id'])
      .orderBy('id')
      .execute();
    expect(view).toEqual([
      { event_id: 'EVT1358000', account_id: '1356001' },
      { event_id: 'EVT1358001', account_id: '1356002' },
      { event_id: 'EVT1358002', account_id: '1356002' },
    ]);
    const cursors = await handle.db
      .selectFrom('webhook_fanout_cursors')
      .selectAll()
      .orderBy('ordering_key')
      .execute();
    expect(cursors).toEqual([
      { ordering_key: '1356001', last_event_id: id1 },
      { ordering_key: '1356002', last_event_id: id3 },
    ]);
    const deliveries = await handle.db
      .selectFrom('webhook_deliveries')
      .select(['event_id', 'account_id', 'ordering_key', 'state', 'replay'])
      .orderBy('id')
      .execute();
    expect(deliveries).toEqual([
      {
        event_id: 'EVT1358000',
        account_id: '1356001',
        ordering_key: '1356001',
        state: 'DELIVERED',
        replay: false,
      },
      {
        event_id: 'EVT1358001',
        account_id: '1356002',
        ordering_key: '1356002',
        state: 'PENDING',
        replay: false,
      },
      {
        event_id: 'EVT1358002',
        account_id: '1356002',
        ordering_key: '1356002',
        state: 'PENDING',
        replay: false,
      },
      {
        event_id: 'EVT1358000',
        account_id: '1356001',
        ordering_key: '1356001',
        state: 'PENDING',
        replay: true,
      },
    ]);
    const attempts = await handle.db.selectFrom('webhook_delivery_attempts').select('status_code').execute();
    expect(attempts).toEqual([{ status_code: 200 }]);

    // Deliveries keep pointing at their events: the foreign key followed the rename.
    await expect(
      sql`INSERT INTO webhook_deliveries (subscription_id, event_id, ordering_key) VALUES (${SUBSCRIPTION}, 'EVT9', 'x')`.execute(
        handle.db,
      ),
    ).rejects.toThrow(/webhook_deliveries_event_id_fkey/);
    // A writer that names only the account gets its event's ordering key.
    await sql`INSERT INTO webhook_deliveries (subscription_id, event_id, account_id, replay)
      VALUES (${SUBSCRIPTION}, 'EVT1358002', 1356002, true)`.execute(handle.db);
    const replayed = await handle.db
      .selectFrom('webhook_deliveries')
      .select('ordering_key')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(replayed.ordering_key).toBe('1356002');
    // An Account.UPDATE without its account is refused; other types need none.
    await expect(
      sql`INSERT INTO events (event_id, tenant_id, event_type, subject_type, subject_id, ordering_key, payload)
        VALUES ('EVT9', ${TENANT}, 'Account.UPDATE', 'Account', '1', '1', '{}')`.execute(handle.db),
    ).rejects.toThrow(/events_account_update_shape/);
    await sql`INSERT INTO events (event_id, tenant_id, event_type, subject_type, subject_id, ordering_key, payload)
      VALUES ('EVT10', ${TENANT}, 'WebhookSubscription.CANCELLED', 'WebhookSubscription', ${SUBSCRIPTION},
        ${SUBSCRIPTION}, '{}')`.execute(handle.db);
    // The id sequence goes on after the moved rows.
    const next = await sql<{ id: string }>`
      INSERT INTO events (event_id, tenant_id, event_type, subject_type, subject_id, ordering_key, payload)
      VALUES ('EVT11', ${TENANT}, 'WebhookSubscription.FAILING', 'WebhookSubscription', ${SUBSCRIPTION},
        ${SUBSCRIPTION}, '{}') RETURNING id`.execute(handle.db);
    expect(Number(next.rows[0]?.id)).toBeGreaterThan(Number(id3));
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  } finally {
    await handle.destroy();
    await dropDatabase(adminUrl, name);
  }
});
