import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, migrateToLatest, UNLIMITED_DB_TIMEOUTS } from '@wallet/db';
import { CONFIG_EXIT_CODE } from '@wallet/logging';
import { developmentAdminToken } from './admin-token.js';
import { appRunner, appScript } from './development.js';
import { startEmbeddedDatabase } from './embedded-database.js';
import { inheritedEnvironment, parseStackEnv, REPO_ROOT } from './env.js';
import { acquireInstanceLock, describeHolder } from './instance-lock.js';
import { developmentSecretKeys } from './secret-keys.js';
import { Supervisor } from './supervisor.js';

const say = (line: string) => process.stderr.write(`[stack] ${line}\n`);

let env: ReturnType<typeof parseStackEnv>;
try {
  env = parseStackEnv();
} catch (err) {
  say((err as Error).message);
  process.exit(CONFIG_EXIT_CODE);
}

const lock = acquireInstanceLock(env.STACK_DATA_DIR);
if (!lock.acquired) {
  say(describeHolder(lock.holder));
  process.exit(1);
}
process.on('exit', () => lock.release());

// Each worker's metrics and health server: its own variable, so that no two apps share a port.
const METRICS_PORTS: Record<string, number> = {
  'compliance-worker': env.COMPLIANCE_WORKER_METRICS_PORT,
  'webhook-dispatcher': env.WEBHOOK_DISPATCHER_METRICS_PORT,
};
if (env.METRICS_PORT !== undefined)
  say(
    'METRICS_PORT is ignored by the stack (it would give both workers one port): set COMPLIANCE_WORKER_METRICS_PORT or WEBHOOK_DISPATCHER_METRICS_PORT',
  );

let supervisor: Supervisor | undefined;
let stopDatabase = async () => {};
let stopping = false;
async function shutDown(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(reason);
  await supervisor?.stop(env.SHUTDOWN_TIMEOUT_MS);
  await stopDatabase();
  say(exitCode === 0 ? 'stopped' : `stopped (exit ${exitCode})`);
  process.exit(exitCode);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.on(signal, () => void shutDown(`${signal}: stopping the apps`, 0));

const redacted = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
let databaseUrl = env.DATABASE_URL;
if (!databaseUrl) {
  say(`starting the embedded PostgreSQL in ${env.EMBEDDED_PG_DIR}`);
  try {
    const pg = await startEmbeddedDatabase(env.EMBEDDED_PG_DIR, env.EMBEDDED_PG_PORT);
    databaseUrl = pg.url;
    stopDatabase = pg.stop;
    if (pg.stoppedOrphanPid !== undefined)
      say(
        `stopped an orphaned PostgreSQL (pid ${pg.stoppedOrphanPid}) left on this folder by a killed stack`,
      );
    say(`embedded PostgreSQL listening on 127.0.0.1:${pg.port}`);
  } catch (err) {
    say(`could not start the embedded PostgreSQL: ${(err as Error).message}`);
    process.exit(1);
  }
}
lock.update({ database: redacted(databaseUrl) });

const handle = createDb({ connectionString: databaseUrl, max: 1, timeouts: UNLIMITED_DB_TIMEOUTS });
try {
  const applied = await migrateToLatest(handle.db);
  say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
} catch (err) {
  await shutDown(`could not migrate ${redacted(databaseUrl)}: ${(err as Error).message}`, 1);
} finally {
  await handle.destroy();
}

let adminToken = env.ADMIN_TOKEN;
if (!adminToken) {
  const file = join(env.STACK_DATA_DIR, 'admin-token');
  adminToken = developmentAdminToken(file);
  say(`ADMIN_TOKEN (development; kept in ${file}): ${adminToken}`);
}

// The API encrypts webhook secrets with these keys and the dispatcher decrypts them: one value for both.
let secretKeys = env.WEBHOOK_SECRET_KEYS;
if (!secretKeys) {
  const file = join(env.STACK_DATA_DIR, 'webhook-secret-keys');
  secretKeys = developmentSecretKeys(file);
  say(`WEBHOOK_SECRET_KEYS (development; kept in ${file}, not printed)`);
}

const listening: Record<string, string> = {};
supervisor = new Supervisor(
  {
    ...inheritedEnvironment(),
    DATABASE_URL: databaseUrl,
    ADMIN_TOKEN: adminToken,
    WEBHOOK_SECRET_KEYS: secretKeys,
    RUN_MIGRATIONS: 'false',
  },
  {
    initialDelayMs: env.STACK_RESTART_DELAY_MS,
    maxDelayMs: env.STACK_RESTART_MAX_DELAY_MS,
    maxRestarts: env.STACK_MAX_RESTARTS,
    stableMs: env.STACK_STABLE_MS,
  },
  {
    say,
    listening(name, url) {
      say(`${name} listening on ${url}`);
      listening[name] = url;
      lock.update({ apps: listening });
    },
    fatal: (reason, exitCode) => void shutDown(reason, exitCode),
  },
);
// A signal during start-up already stopped the stack: start nothing.
const names = stopping ? [] : env.STACK_APPS.split(',').map((s) => s.trim());
for (const name of names.filter(Boolean)) {
  const script = appScript(REPO_ROOT, name);
  if (!existsSync(script)) {
    say(`${name}: ${script} is missing (run the build first); not started`);
    continue;
  }
  const metricsPort = METRICS_PORTS[name];
  supervisor.start({
    name,
    script,
    runner: appRunner(),
    env: metricsPort === undefined ? {} : { METRICS_PORT: String(metricsPort) },
  });
}
