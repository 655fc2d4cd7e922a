import { existsSync } from 'node:fs';
import { createDb, migrateToLatest, UNLIMITED_DB_TIMEOUTS } from '@wallet/db';
import { developmentAdminToken } from './admin-token.js';
import { startEmbeddedDatabase } from './embedded-database.js';
import { parseStackEnv, REPO_ROOT } from './env.js';
import { Supervisor } from './supervisor.js';

const WORKER_METRICS_PORTS: Record<string, string> = {
  'compliance-worker': '9464',
  'webhook-dispatcher': '9465',
};
const say = (line: string) => process.stderr.write(`[stack] ${line}\n`);

let env: ReturnType<typeof parseStackEnv>;
try {
  env = parseStackEnv(process.env);
} catch (err) {
  say((err as Error).message);
  process.exit(1);
}

let databaseUrl = env.DATABASE_URL;
let stopDatabase = async () => {};
if (!databaseUrl) {
  say(`starting the embedded PostgreSQL in ${env.EMBEDDED_PG_DIR}`);
  try {
    const pg = await startEmbeddedDatabase(env.EMBEDDED_PG_DIR, env.EMBEDDED_PG_PORT);
    databaseUrl = pg.url;
    stopDatabase = pg.stop;
    say(`embedded PostgreSQL listening on 127.0.0.1:${pg.port}`);
  } catch (err) {
    say(`could not start the embedded PostgreSQL: ${(err as Error).message}`);
    process.exit(1);
  }
}

const handle = createDb({ connectionString: databaseUrl, max: 1, timeouts: UNLIMITED_DB_TIMEOUTS });
const applied = await migrateToLatest(handle.db);
await handle.destroy();
say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');

let adminToken = env.ADMIN_TOKEN;
if (!adminToken) {
  const file = `${REPO_ROOT}.data/admin-token`;
  adminToken = developmentAdminToken(file);
  say(`ADMIN_TOKEN (development; kept in ${file}): ${adminToken}`);
}

const supervisor = new Supervisor(
  { ...process.env, DATABASE_URL: databaseUrl, ADMIN_TOKEN: adminToken, RUN_MIGRATIONS: 'false' },
  say,
);
for (const name of env.STACK_APPS.split(',')
  .map((s) => s.trim())
  .filter(Boolean)) {
  const script = `${REPO_ROOT}apps/${name}/dist/main.js`;
  if (!existsSync(script)) {
    say(`${name}: ${script} is missing (run the build first); not started`);
    continue;
  }
  // Each worker serves Prometheus metrics on a port of its own (the API serves /metrics itself).
  const metricsPort = WORKER_METRICS_PORTS[name];
  supervisor.start({
    name,
    script,
    env: metricsPort && !process.env.METRICS_PORT ? { METRICS_PORT: metricsPort } : {},
  });
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping the apps`);
    await supervisor.stop(env.SHUTDOWN_TIMEOUT_MS);
    await stopDatabase();
    say('stopped');
    process.exit(0);
  });
}
