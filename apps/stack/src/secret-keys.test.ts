import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@wallet/testkit';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { killLeftovers, type Launcher, startLauncher, tempDataDir } from './testing/launcher.js';

// A database of its own: the secret stored here is encrypted with this test's generated key, which
// the launcher suites' stacks (each with a data folder and so a key of its own) could not open.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const dataDir = tempDataDir();
const launchers: Launcher[] = [];
afterEach(() => {
  for (const launcher of launchers.splice(0)) launcher.process.kill('SIGKILL');
  killLeftovers(dataDir);
});

function launch(env: Record<string, string>): Launcher {
  const launcher = startLauncher({
    DATABASE_URL: database.connectionString,
    STACK_DATA_DIR: dataDir,
    ...env,
  });
  launchers.push(launcher);
  return launcher;
}
const urlOf = async (launcher: Launcher, app: string) =>
  (await launcher.waitFor(new RegExp(`${app} listening on (http://\\S+)`)))[1] as string;

it('generates one development key into the data folder, never printed, and gives the API and the dispatcher the same', async () => {
  const first = launch({ STACK_APPS: 'api', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
  const api = await urlOf(first, 'api');
  const file = join(dataDir, 'webhook-secret-keys');
  const keys = readFileSync(file, 'utf8').trim();
  expect(keys).toMatch(/^local:[A-Za-z0-9+/]{43}=$/);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(first.output()).not.toContain(keys.slice(6));
  // A secret stored under that key.
  const adminToken = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  const tenant = await fetch(`${api}/admin/tenants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'keys' }),
  }).then((r) => r.json() as Promise<{ apiKey: string }>);
  const created = await fetch(`${api}/v2/webhook-subscriptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: 'http://127.0.0.1:9/hooks', eventTypes: ['Account.UPDATE'] }),
  });
  expect(created.status).toBe(201);
  first.process.kill('SIGTERM');
  expect(await first.exited()).toBe(0);

  // Started again: the same key; the dispatcher opens the stored secret at start-up (or exits 78).
  const second = launch({ STACK_APPS: 'api,webhook-dispatcher' });
  await urlOf(second, 'webhook-dispatcher');
  await urlOf(second, 'api');
  expect(readFileSync(file, 'utf8').trim()).toBe(keys);
  expect(second.output()).not.toMatch(/exited|cannot run/);
  second.process.kill('SIGTERM');
  expect(await second.exited()).toBe(0);

  // Given other keys, the apps cannot open it: the stack stops with their message and 78.
  const third = launch({
    STACK_APPS: 'webhook-dispatcher',
    WEBHOOK_SECRET_KEYS: `other:${Buffer.alloc(32, 1).toString('base64')}`,
  });
  expect(await third.exited(30_000)).toBe(78);
  expect(third.output()).toMatch(/cannot decrypt the webhook secrets stored with key id\(s\) local/);
});
