// The apps under benchmark, as deployed: `node dist/main.js`, each a process of its own.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sleep } from './world.ts';

const API_MAIN = fileURLToPath(new URL('../../api/dist/main.js', import.meta.url));
const WORKER_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const DISPATCHER_MAIN = fileURLToPath(new URL('../../webhook-dispatcher/dist/main.js', import.meta.url));
const BARE_HONO = fileURLToPath(new URL('./bare-hono.ts', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function start(script: string, env: Record<string, string>, args: string[] = []): ChildProcess {
  if (!existsSync(script)) throw new Error(`${script} is missing: run the build first`);
  return spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The API on a loopback port, ready to serve (its /readyz answers 200). */
export async function spawnApi(databaseUrl: string, poolSize: number) {
  const port = await freePort();
  const child = start(API_MAIN, {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef',
    RUN_MIGRATIONS: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    DATABASE_POOL_SIZE: String(poolSize),
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { url, stop: () => stop(child) };
    await sleep(100);
  }
  throw new Error('the API did not become ready in 30 s');
}

/** The worker, once it consumes its queues (its /metrics server starts after that). */
export async function spawnWorker(databaseUrl: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const child = start(WORKER_MAIN, { DATABASE_URL: databaseUrl, METRICS_PORT: String(port), ...env });
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`http://127.0.0.1:${port}/metrics`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { stop: () => stop(child) };
    await sleep(100);
  }
  throw new Error('the worker did not start in 30 s');
}

/** The webhook dispatcher, once it serves /metrics (after its fan-out worker and pump started). */
export async function spawnDispatcher(databaseUrl: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const child = start(DISPATCHER_MAIN, { DATABASE_URL: databaseUrl, METRICS_PORT: String(port), ...env });
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`http://127.0.0.1:${port}/metrics`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { stop: () => stop(child) };
    await sleep(100);
  }
  throw new Error('the dispatcher did not start in 30 s');
}

/** A bare Hono app on the same Node: the same POST read and answered 202, no database. */
export async function spawnBareHono() {
  const port = await freePort();
  const child = start(BARE_HONO, {}, [String(port)]);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) return { url, stop: () => stop(child) };
    await sleep(100);
  }
  throw new Error('the bare Hono app did not start in 10 s');
}
