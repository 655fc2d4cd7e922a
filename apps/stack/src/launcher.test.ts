import { connect, createServer, type Server } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@wallet/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  isAlive,
  killLeftovers,
  type Launcher,
  processesWithEnv,
  startLauncher,
  tempDataDir,
} from './testing/launcher.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const dataDirs: string[] = [];
const launchers: Launcher[] = [];
afterEach(async () => {
  for (const launcher of launchers.splice(0)) launcher.process.kill('SIGKILL');
  for (const dir of dataDirs.splice(0)) killLeftovers(dir);
});

function launch(env: Record<string, string>, dataDir = tempDataDir()): Launcher {
  if (!dataDirs.includes(dataDir)) dataDirs.push(dataDir);
  const launcher = startLauncher({
    DATABASE_URL: database.connectionString,
    STACK_DATA_DIR: dataDir,
    ...env,
  });
  launchers.push(launcher);
  return launcher;
}

const pidOf = async (launcher: Launcher, app: string) =>
  Number((await launcher.waitFor(new RegExp(`${app} started \\(pid (\\d+)\\)`)))[1]);
const urlOf = async (launcher: Launcher, app: string) =>
  (await launcher.waitFor(new RegExp(`${app} listening on (http://\\S+)`)))[1] as string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the launcher', () => {
  it('runs one stack per data folder: a second start says what runs, where, how to stop it, and exits 1', async () => {
    const dataDir = tempDataDir();
    const first = launch({ STACK_APPS: 'api' }, dataDir);
    const apiUrl = await urlOf(first, 'api');

    const second = launch({ STACK_APPS: 'api' }, dataDir);
    expect(await second.exited(20_000)).toBe(1);
    const said = second.output();
    expect(said).toContain(`already running on ${dataDir} (pid ${first.pid}`);
    expect(said).toContain(`api: ${apiUrl}`);
    expect(said).toContain(`kill ${first.pid}`);
    expect(said).not.toMatch(/api started/);
    // The first one is untouched.
    expect((await fetch(`${apiUrl}/healthz`)).status).toBeLessThan(500);

    first.process.kill('SIGTERM');
    expect(await first.exited()).toBe(0);
    // Its lock went with it: the folder is free again.
    const third = launch({ STACK_APPS: 'api' }, dataDir);
    await urlOf(third, 'api');
  });

  it('stops the whole stack with the message of an app whose configuration is wrong', async () => {
    const launcher = launch({ STACK_APPS: 'api,compliance-worker', WORKER_CONCURRENCY: 'lots' });
    expect(await launcher.exited(30_000)).toBe(78);
    const said = launcher.output();
    expect(said).toMatch(/compliance-worker cannot run with this configuration:\n[\s\S]*WORKER_CONCURRENCY/);
    expect(said).not.toMatch(/restart \d/);
    expect(processesWithEnv('STACK_DATA_DIR', dataDirs[0] as string)).toEqual([]);
  });

  it('stops with the message when a configured port is taken, instead of restarting forever', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as { port: number }).port;
    try {
      const launcher = launch({
        STACK_APPS: 'webhook-dispatcher',
        WEBHOOK_DISPATCHER_METRICS_PORT: String(taken),
      });
      expect(await launcher.exited(30_000)).toBe(78);
      expect(launcher.output()).toMatch(new RegExp(`METRICS_PORT ${taken} on 127.0.0.1 is in use`));
    } finally {
      holder.close();
    }
  });

  it('gives each worker a free port of its own unless its own variable sets one, and prints where each app listens', async () => {
    const compliancePort = await freePort();
    // METRICS_PORT would give both workers one port: the launcher ignores it and says so.
    const launcher = launch({
      STACK_APPS: 'api,compliance-worker,webhook-dispatcher',
      COMPLIANCE_WORKER_METRICS_PORT: String(compliancePort),
      METRICS_PORT: String(compliancePort),
    });
    const compliance = new URL(await urlOf(launcher, 'compliance-worker'));
    const dispatcher = new URL(await urlOf(launcher, 'webhook-dispatcher'));
    const api = new URL(await urlOf(launcher, 'api'));
    expect(Number(compliance.port)).toBe(compliancePort);
    expect(dispatcher.port).not.toBe(compliance.port);
    expect(launcher.output()).toMatch(/METRICS_PORT is ignored/);
    for (const [url, app] of [
      [compliance, 'compliance-worker'],
      [dispatcher, 'webhook-dispatcher'],
    ] as const) {
      const res = await fetch(new URL('/metrics', url));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`app="${app}"`);
    }
    expect((await fetch(new URL('/healthz', api))).status).toBeLessThan(500);
    // Nothing restarted along the way.
    expect(launcher.output()).not.toMatch(/exited/);
  });

  it('restarts a crashed app after growing delays and gives up clearly after repeated crashes', async () => {
    const { createDatabase, dropDatabase, uniqueDatabaseName } = await import('@wallet/testkit');
    const { inject } = await import('vitest');
    const adminUrl = inject('databaseAdminUrl');
    const name = uniqueDatabaseName('wallet_stack_crash');
    const url = await createDatabase(adminUrl, name, inject('templateDatabase'));
    const launcher = launch({
      DATABASE_URL: url,
      STACK_APPS: 'api',
      STACK_RESTART_DELAY_MS: '200',
      STACK_RESTART_MAX_DELAY_MS: '500',
      STACK_MAX_RESTARTS: '3',
    });
    const pid = await pidOf(launcher, 'api');
    await urlOf(launcher, 'api');
    // Without its database every new start of the API fails: a crash, not a configuration error.
    await dropDatabase(adminUrl, name);
    process.kill(pid, 'SIGKILL');
    expect(await launcher.exited(60_000)).toBe(1);
    const said = launcher.output();
    expect(said).toContain('api exited (SIGKILL); restart 1 of 3 in 200 ms');
    expect(said).toMatch(/api exited \(code 1\); restart 2 of 3 in 400 ms/);
    expect(said).toMatch(/api exited \(code 1\); restart 3 of 3 in 500 ms/);
    expect(said).toMatch(/api exited \(code 1\) 4 times in a row.*giving up/);
  });

  it('starts no app once it is stopping, even with a restart pending', async () => {
    const launcher = launch({
      STACK_APPS: 'api,compliance-worker',
      STACK_RESTART_DELAY_MS: '1000',
      SHUTDOWN_TIMEOUT_MS: '3000',
    });
    const worker = await pidOf(launcher, 'compliance-worker');
    const api = new URL(await urlOf(launcher, 'api'));
    await urlOf(launcher, 'compliance-worker');
    // A request whose headers never end keeps the API draining for the whole shutdown cap (3 s),
    // longer than the pending restart's delay (1 s).
    const slow = connect(Number(api.port), '127.0.0.1');
    await new Promise((resolve) => slow.once('connect', resolve));
    slow.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    slow.on('error', () => {});
    process.kill(worker, 'SIGKILL');
    await launcher.waitFor(/compliance-worker exited \(SIGKILL\); restart 1 of/);
    launcher.process.kill('SIGTERM');
    expect(await launcher.exited(30_000)).toBe(0);
    slow.destroy();
    await new Promise((r) => setTimeout(r, 1500));
    const afterStop = launcher.output().split('SIGTERM: stopping the apps')[1] ?? '';
    expect(afterStop).not.toMatch(/started \(pid/);
    expect(processesWithEnv('STACK_DATA_DIR', dataDirs[0] as string)).toEqual([]);
  });

  it('takes its apps with it when it is killed with SIGKILL', async () => {
    const launcher = launch({ STACK_APPS: 'api,compliance-worker,webhook-dispatcher' });
    const pids = [
      await pidOf(launcher, 'api'),
      await pidOf(launcher, 'compliance-worker'),
      await pidOf(launcher, 'webhook-dispatcher'),
    ];
    for (const app of ['api', 'compliance-worker', 'webhook-dispatcher']) await urlOf(launcher, app);
    launcher.process.kill('SIGKILL');
    await eventually(() => pids.every((pid) => !isAlive(pid)), `apps ${pids.join(', ')} to end`);
    expect(processesWithEnv('STACK_DATA_DIR', dataDirs[0] as string)).toEqual([]);
  });
});
