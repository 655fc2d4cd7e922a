import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, migrateToLatest } from '@wallet/db';
import { findFreePort, startEmbeddedPostgres } from '@wallet/db/embedded';
import { apiClient, waitFor } from './api-client.js';
import { deliveryCounts, restrictionCounts, stuckJobCounts } from './checks.js';
import { driveNotifications } from './driver.js';
import { parseOptions, seededRandom } from './options.js';
import { appProcess } from './processes.js';
import { always200, failsFor, gone, startReceiver } from './receivers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const say = (line: string) => process.stdout.write(`[chaos] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const options = parseOptions(process.argv.slice(2));
const random = seededRandom(options.seed);
const workDir = await mkdtemp(join(tmpdir(), 'wallet-chaos-'));
await chmod(workDir, 0o755);
const pgPort = await findFreePort(55400);
const dataDir = join(workDir, 'pg');
let pg = await startEmbeddedPostgres({ dataDir, port: pgPort });
const handle = createDb({ connectionString: pg.connectionString, max: 4, onPoolError: () => {} });
await migrateToLatest(handle.db);
say(`PostgreSQL on 127.0.0.1:${pgPort}; logs in ${workDir}; seed ${options.seed}`);

const adminToken = `chaos-admin-${options.seed}-0123456789abcdef`;
const apiPort = await findFreePort(56100);
const env = {
  ...process.env,
  DATABASE_URL: pg.connectionString,
  ADMIN_TOKEN: adminToken,
  PORT: String(apiPort),
  HOST: '127.0.0.1',
  RUN_MIGRATIONS: 'false',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '0',
  PASSWORD_CHANGE_RESTRICTION_SECONDS: '86400',
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  WEBHOOK_RETRY_DELAYS: '1,1,1,2,2,2,3,3,3,5',
  WEBHOOK_TIMEOUT_MS: '2000',
};
// Like the stack (apps/stack), an app that dies on its own is started again. One that dies while
// PostgreSQL is down (it cannot start without its database) is expected; one that dies while it is up
// is a fault.
let postgresDown = false;
let finished = false;
const diedWhileUp: string[] = [];
let diedWhileDown = 0;
const app = (name: string) =>
  appProcess(name, `${ROOT}apps/${name}/dist/main.js`, env, join(workDir, `${name}.log`), (self) => {
    if (postgresDown) diedWhileDown++;
    else diedWhileUp.push(self.name);
    setTimeout(() => {
      if (!finished) self.start();
    }, 1_000);
  });
const api = app('api');
const worker = app('compliance-worker');
const dispatcher = app('webhook-dispatcher');
for (const p of [api, worker, dispatcher]) p.start();
const base = `http://127.0.0.1:${apiPort}`;
await waitFor(
  'the API',
  async () => (await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200,
  30_000,
);

const tenant = await apiClient(base, adminToken)('POST', '/admin/tenants', { name: 'chaos' });
const call = apiClient(base, (tenant.body as { apiKey: string }).apiKey);
const steady = [await startReceiver('steady-a', always200), await startReceiver('steady-b', always200)];
const flaky = await startReceiver('flaky', failsFor(15_000));
const cancelled = await startReceiver('gone', gone);
for (const r of [...steady, flaky, cancelled]) {
  await call('POST', '/v2/webhook-subscriptions', { url: r.url, eventTypes: ['Account.UPDATE'] });
}
const customers: string[] = [];
const pool = Math.max(50, Math.round((options.rate * options.seconds) / 3));
for (let i = 0; i < pool; i += 10) {
  await Promise.all(
    Array.from({ length: Math.min(10, pool - i) }, async (_, j) => {
      const c = await call('POST', '/v2/customer-persons', {
        externalId: `chaos-${i + j}`,
        email: 'c@chaos.test',
        registrationIp: '192.0.2.1',
      });
      const id = (c.body as { id: string }).id;
      await call('POST', `/v2/customer-persons/${id}/accounts`, { currencyCode: 'USD' });
      customers.push(id);
    }),
  );
}
say(
  `${customers.length} customers, 4 subscribers; driving ${options.rate}/s in bursts of ${options.burst} for ${options.seconds} s, ${options.replayShare * 100}% replays`,
);

let driving = true;
// SIGKILL one of the three apps every 4-9 s and start it again 0.5-1.5 s later. While the API is
// down requests get no answer; a partner retries, which the driver's replays do.
let killCount = 0;
const killer = (async () => {
  while (driving) {
    await sleep(4_000 + random() * 5_000);
    if (!driving) break;
    // In turn, so that even a short run kills each app at least once; the timing stays random.
    const victim = [api, worker, dispatcher][killCount++ % 3]!;
    await victim.kill();
    await sleep(500 + random() * 1_000);
    victim.start();
  }
})();
/** PostgreSQL's immediate shutdown (SIGQUIT to the postmaster): no checkpoint, crash recovery at start. */
async function crashPostgres(): Promise<void> {
  const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGQUIT');
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(50);
  }
  throw new Error('PostgreSQL did not exit after SIGQUIT');
}
const outage = (async () => {
  await sleep((options.seconds * 1000) / 3);
  say('restarting PostgreSQL (fast shutdown)');
  postgresDown = true;
  await pg.stop();
  const during = await call('GET', '/v2/customer-persons?externalId=chaos-0');
  say(`during the outage the API answered ${during.status} ${JSON.stringify(during.body)}`);
  await sleep(3_000);
  pg = await startEmbeddedPostgres({ dataDir, port: pgPort });
  // An app started just before PostgreSQL came back may still fail on its first connection.
  await sleep(2_000);
  postgresDown = false;
  await sleep((options.seconds * 1000) / 3 - 5_000);
  say('crashing PostgreSQL (immediate shutdown, SIGQUIT)');
  postgresDown = true;
  await crashPostgres();
  await sleep(2_000);
  pg = await startEmbeddedPostgres({ dataDir, port: pgPort });
  say('PostgreSQL back after crash recovery');
  await sleep(2_000);
  postgresDown = false;
  return during;
})();
const drive = await driveNotifications(call, customers, { ...options, random });
driving = false;
await killer;
const during = await outage;

const quiet = async () => {
  const r = await restrictionCounts(handle.db, drive).catch(() => undefined);
  const d = await deliveryCounts(handle.db, [...steady, flaky], [cancelled]).catch(() => undefined);
  return (
    r?.['customers with a 202 but no restriction'] === 0 &&
    r['stored notifications never processed'] === 0 &&
    d?.['event deliveries missing at active subscribers'] === 0
  );
};
await waitFor('every restriction and delivery', quiet, 120_000);

const counts: Record<string, number> = {
  'notifications sent': drive.sent,
  'notifications accepted (202)': [...drive.accepted.values()].reduce((n, v) => n + v.length, 0),
  'answers other than 202': [...drive.rejected.values()].reduce((n, v) => n + v, 0),
  'answers that were neither 202 nor the 503 envelope': drive.badAnswers.length,
  'requests without an answer (API killed)': drive.unanswered,
  'replays sent': drive.replays,
  'replays answered 202': drive.replaysAccepted,
  '503 envelope during the outage':
    during.status === 503 && JSON.stringify(during.body).includes('DW-SERVICE-UNAVAILABLE') ? 1 : 0,
  'apps that died while PostgreSQL was up': diedWhileUp.length,
  'apps that died while PostgreSQL was down (restarted)': diedWhileDown,
  'API SIGKILLs': api.kills,
  'compliance worker SIGKILLs': worker.kills,
  'dispatcher SIGKILLs': dispatcher.kills,
  ...(await restrictionCounts(handle.db, drive)),
  ...(await deliveryCounts(handle.db, [...steady, flaky], [cancelled])),
  ...(await stuckJobCounts(handle.db)),
};
for (const [name, n] of Object.entries(counts)) say(`${name.padEnd(62)} ${n}`);
for (const line of drive.badAnswers) say(`bad answer: ${line}`);
for (const name of diedWhileUp) say(`died on its own while PostgreSQL was up: ${name}`);

const lost =
  counts['accepted notifications not stored']! +
  counts['stored notifications never processed']! +
  counts['customers with a 202 but no restriction']! +
  counts['customers with a duplicate restriction']! +
  counts['event deliveries missing at active subscribers']! +
  counts['requests to a cancelled subscriber after it was cancelled']! +
  counts['stuck jobs']! +
  counts['answers that were neither 202 nor the 503 envelope']! +
  (counts['503 envelope during the outage'] === 1 ? 0 : 1) +
  counts['apps that died while PostgreSQL was up']! +
  // A run that never killed one of the apps did not test what it claims to.
  [api, worker, dispatcher].filter((p) => p.kills === 0).length;
say(lost === 0 ? 'PASS: nothing lost' : `FAIL: ${lost} problem(s); logs in ${workDir}`);

finished = true;
for (const p of [api, worker, dispatcher]) await p.stop();
for (const r of [...steady, flaky, cancelled]) await r.close();
await handle.destroy();
await pg.stop();
if (lost === 0) await rm(workDir, { recursive: true, force: true });
process.exit(lost === 0 ? 0 : 1);
