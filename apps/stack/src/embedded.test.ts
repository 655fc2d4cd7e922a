import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import {
  eventually,
  isAlive,
  killLeftovers,
  processesWithEnv,
  startLauncher,
  tempDataDir,
} from './testing/launcher.js';

const dataDir = tempDataDir();
afterAll(() => {
  killLeftovers(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
});

const postmasterPid = () =>
  Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

it('stops an embedded PostgreSQL orphaned by a killed stack cleanly at the next start', async () => {
  // No DATABASE_URL: the embedded cluster; no apps, the database is what this test is about.
  const first = startLauncher({ STACK_DATA_DIR: dataDir, STACK_APPS: '' });
  await first.waitFor(/embedded PostgreSQL listening on 127\.0\.0\.1:\d+/, 90_000);
  const orphan = postmasterPid();
  // The launcher and the process holding the cluster die at once (kill -9 of both): the server stays.
  const holders = processesWithEnv('STACK_DATA_DIR', dataDir).filter((pid) =>
    readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('database-process.js'),
  );
  expect(holders).toHaveLength(1);
  first.process.kill('SIGKILL');
  process.kill(holders[0] as number, 'SIGKILL');
  await first.exited();
  await new Promise((r) => setTimeout(r, 500));
  expect(isAlive(orphan)).toBe(true);

  const second = startLauncher({ STACK_DATA_DIR: dataDir, STACK_APPS: '' });
  await second.waitFor(new RegExp(`stopped an orphaned PostgreSQL \\(pid ${orphan}\\)`), 60_000);
  await second.waitFor(/embedded PostgreSQL listening/, 60_000);
  expect(isAlive(orphan)).toBe(false);
  const fresh = postmasterPid();
  expect(fresh).not.toBe(orphan);
  // And this stack's own server goes with it.
  second.process.kill('SIGTERM');
  expect(await second.exited(60_000)).toBe(0);
  await eventually(() => !isAlive(fresh), 'the new server to stop with the stack', 30_000);
  expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
});
