// Set-up of the notification feed benchmark: a database of its own, the real API over it, and
// 1,000,000 notifications across 10,000 customers written with generate_series.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDb, migrateToLatest } from '@wallet/db';
import { openScratchDatabase } from '@wallet/testkit/scratch';
import { sql } from 'kysely';

export const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const API_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `node dist/main.js` on a loopback port, once its /readyz answers 200. */
async function spawnApi(databaseUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      RUN_MIGRATIONS: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { url, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('the API did not become ready in 30 s');
}

export interface World {
  apiUrl: string;
  tenantName: string;
  apiKey: string;
  /** Customer ids; the first one is the heavy user. */
  customers: string[];
  heavyCount: number;
  close(): Promise<void>;
}

/**
 * 10,000 customers. One heavy customer holds `heavy` notifications (deep offsets need a deep feed);
 * the others share the rest of the million evenly. Times go back 60 ms per row, 2 rows in 7 are UNSEEN
 * (7 does not divide the 9,999 light customers, so each gets a mix).
 */
export async function createWorld(total: number, users: number, heavy: number): Promise<World> {
  const database = await openScratchDatabase('wallet_bench_feed');
  try {
    return await populate(database, total, users, heavy);
  } catch (err) {
    await database.close();
    throw err;
  }
}

async function populate(
  database: { url: string; close(): Promise<void> },
  total: number,
  users: number,
  heavy: number,
): Promise<World> {
  const handle = createDb({ connectionString: database.url, max: 2 });
  await migrateToLatest(handle.db);
  // The API as deployed: a process of its own (the client's work does not share its event loop).
  const api = await spawnApi(database.url);
  const res = await fetch(`${api.url}/admin/tenants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench' }),
  });
  const tenant = (await res.json()) as { id: string; name: string; apiKey: string };
  const { id: tenantId } = await handle.db
    .selectFrom('tenants')
    .select('id')
    .where('name', '=', 'bench')
    .executeTakeFirstOrThrow();

  const started = performance.now();
  const customers = await sql<{ id: string }>`
    INSERT INTO customers (tenant_id, external_id, type, email, registration_ip)
    SELECT ${tenantId}, 'bench-' || g, 'PERSON', 'user' || g || '@example.com', '198.51.100.1'
    FROM generate_series(1, ${users}::int) g ORDER BY g RETURNING id`.execute(handle.db);
  const ids = customers.rows.map((r) => r.id);
  const [first, last] = [ids[0], ids.at(-1)];
  const rest = total - heavy;
  await sql`
    INSERT INTO notifications (tenant_id, customer_id, message_type, type, state, link, created_at, updated_at)
    SELECT ${tenantId}, c, (ARRAY['idnow_link','user_needs_kyc','user_kyc_submitted','wallet_verified'])[1 + g % 4],
      (ARRAY['INFORMATION','WARNING','INFORMATION','SUCCESS'])[1 + g % 4],
      CASE WHEN g % 7 < 2 THEN 'UNSEEN' ELSE 'SEEN' END,
      CASE WHEN g % 4 = 0 THEN 'https://go.idnow.de/' || g END, t, t
    FROM (
      SELECT g, CASE WHEN g <= ${heavy}::int THEN ${first}::bigint ELSE ${first}::bigint + 1 + g % (${users}::int - 1) END AS c,
        date_trunc('milliseconds', now()) - g * interval '60 ms' AS t
      FROM generate_series(1, ${heavy}::int + ${rest}::int) g
    ) s`.execute(handle.db);
  const insertMs = performance.now() - started;
  await sql`VACUUM ANALYZE notifications`.execute(handle.db);
  await sql`VACUUM ANALYZE customers`.execute(handle.db);
  // The triggers filled the counters in the same load: vacuumed now, not by autovacuum mid-measurement.
  await sql`VACUUM ANALYZE notification_counts`.execute(handle.db);
  // Steady state: the load and the vacuum dirtied the pages; flush them now rather than mid-measurement.
  await sql`CHECKPOINT`.execute(handle.db);
  print(
    `setup: ${users} customers (${first}..${last}), ${total} notifications in ${(insertMs / 1000).toFixed(1)} s (+ VACUUM ANALYZE)`,
  );
  await handle.destroy();
  return {
    apiUrl: api.url,
    tenantName: tenant.name,
    apiKey: tenant.apiKey,
    customers: ids,
    heavyCount: heavy,
    close: async () => {
      await api.stop();
      await database.close();
    },
  };
}
