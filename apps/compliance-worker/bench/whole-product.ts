// Whole-product intake benchmark. Run after `build`: `node bench/whole-product.ts` (or `pnpm bench`).
// The API, the compliance worker and the webhook dispatcher run as processes of their own, as
// `pnpm start` runs them, with one webhook subscriber (in this process) so every restriction's
// Account.UPDATE is delivered too. 1,000 customers; 32 connections; each run 10 s after a 2 s warm-up:
// - autocannon and wrk (a second load generator, each wrk thread with its own random stream), every
//   request a new change, then with 5% of requests repeating an earlier one (a partner retrying);
// - beside them, in the same run: pgbench with the same two inserts, and a bare Hono app on the same
//   Node answering the same POST 202 with no database.
// Targets (issue 15): 0 responses of 500; 5% replays >= 0.9 x without; whole product >= 1.0 x pgbench
// and >= 0.25 x bare Hono; p99 < 50 ms; the worker keeps up at >= 1,000 notifications/s. Prints
// figures and ratios; asserts nothing. The machine is shared: figures are noisy, compare ratios.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openScratchDatabase } from '@wallet/testkit/scratch';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { runPgbench, writeScript } from './pgbench.ts';
import { spawnApi, spawnBareHono, spawnDispatcher, spawnWorker } from './processes.ts';
import { createFixture, print, sleep } from './world.ts';
import { runWrk, type WrkResult } from './wrk.ts';

const CONNECTIONS = 32;
const SECONDS = 10;
const WARMUP_SECONDS = 2;
const CUSTOMERS = 1000;
const REPLAY_SHARE = 0.05;

const database = await openScratchDatabase('wallet_bench', { durable: true });
const fixture = await createFixture(database.url, CUSTOMERS);
const [minCustomer, maxCustomer] = [fixture.customers[0] as string, fixture.customers.at(-1) as string];

// One subscriber answering 200, so the dispatcher does real work while the API takes load.
let delivered = 0;
const subscriber = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    delivered++;
    res.writeHead(200).end();
  });
});
await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
await fixture.handle.db
  .insertInto('webhook_subscriptions')
  .values({
    tenant_id: fixture.tenantId,
    url: `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}/hooks`,
    event_types: ['Account.UPDATE'],
    secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
    max_attempts: 3,
  })
  .execute();

const api = await spawnApi(database.url, CONNECTIONS);
// A year of cooling-off, and changeTimes in the last 60 days: every notification places or extends a
// restriction, so accounts change status and the dispatcher delivers Account.UPDATE events.
const worker = await spawnWorker(database.url, { PASSWORD_CHANGE_RESTRICTION_SECONDS: String(365 * 86_400) });
const dispatcher = await spawnDispatcher(database.url, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  s500: number;
  processedPerSecond?: number;
}

const processed = async () => {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM change_notifications WHERE processed_at IS NOT NULL`.execute(fixture.handle.db);
  return Number(rows[0]?.n);
};

/** autocannon at 32 connections; every request new, or a share repeating one of the last 1,000. */
async function autocannonRun(url: string, replayShare: number, baseMs: number): Promise<Figures> {
  let sequence = 0;
  const recent: { customer: string; changeTime: string }[] = [];
  const go = (seconds: number) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration: seconds,
      method: 'POST',
      headers: { authorization: `Bearer ${fixture.apiKey}`, 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req) => {
            let pick: { customer: string; changeTime: string };
            if (recent.length > 0 && Math.random() < replayShare) {
              pick = recent[Math.floor(Math.random() * recent.length)] as typeof pick;
            } else {
              const customer = fixture.customers[
                Math.floor(Math.random() * fixture.customers.length)
              ] as string;
              pick = { customer, changeTime: new Date(baseMs + sequence++).toISOString() };
              if (recent.length < 1000) recent.push(pick);
              else recent[Math.floor(Math.random() * 1000)] = pick;
            }
            return {
              ...req,
              path: `/v2/customer-persons/${pick.customer}/change-notifications`,
              body: JSON.stringify({ changeType: 'PASSWORD_CHANGED', changeTime: pick.changeTime }),
            };
          },
        },
      ],
    });
  await go(WARMUP_SECONDS);
  const before = await processed();
  const started = Date.now();
  const r = await go(SECONDS);
  const processedPerSecond = ((await processed()) - before) / ((Date.now() - started) / 1000);
  const stats =
    (r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const s500 = Object.entries(stats)
    .filter(([code]) => Number(code) >= 500)
    .reduce((n, [, v]) => n + v.count, 0);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    s500,
    processedPerSecond,
  };
}

async function wrkRun(url: string, replayShare: number, baseMs: number): Promise<Figures | undefined> {
  const options = {
    url,
    apiKey: fixture.apiKey,
    minCustomer,
    maxCustomer,
    replayShare,
    baseMs,
    threads: 2,
    connections: CONNECTIONS,
  };
  const warm = runWrk({ ...options, seconds: WARMUP_SECONDS, baseMs: baseMs - 3 * 86_400_000 });
  if (!warm) return undefined;
  const before = await processed();
  const started = Date.now();
  const r = runWrk({ ...options, seconds: SECONDS }) as WrkResult;
  if (!Number.isFinite(r.rps)) print(`  wrk failed:\n${r.output}`);
  const processedPerSecond = ((await processed()) - before) / ((Date.now() - started) / 1000);
  return { rps: r.rps, p50: r.p50Ms, p99: r.p99Ms, non2xx: r.non2xx, s500: r.status500, processedPerSecond };
}

const line = (what: string, f: Figures | undefined) =>
  f === undefined
    ? `  ${what.padEnd(44)} skipped (not installed)`
    : `  ${what.padEnd(44)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${f.p50.toFixed(1).padStart(5)} ms  p99 ${f.p99
        .toFixed(1)
        .padStart(6)} ms  non-2xx ${f.non2xx}  500s ${f.s500}${
        f.processedPerSecond === undefined ? '' : `  worker ${f.processedPerSecond.toFixed(0)}/s`
      }`;

const day = 86_400_000;
// Each wrk thread takes 10^9 ms (11.6 days) after its run's base; the runs do not overlap.
const base = Date.now() - 60 * day;
const results = {
  acNew: await autocannonRun(api.url, 0, base),
  acReplay: await autocannonRun(api.url, REPLAY_SHARE, base + day),
  wrkNew: await wrkRun(api.url, 0, base + 2 * day),
  wrkReplay: await wrkRun(api.url, REPLAY_SHARE, base + 30 * day),
};
const backlog = async () => {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM change_notifications WHERE processed_at IS NULL`.execute(fixture.handle.db);
  return Number(rows[0]?.n);
};
const left = await backlog();
await sleep(2000);
const drainRate = (left - (await backlog())) / 2;
await api.stop();
await worker.stop();
await dispatcher.stop();

const bare = await spawnBareHono();
const bareAc = await autocannonRun(bare.url, 0, base);
const bareWrk = await wrkRun(bare.url, 0, base);
await bare.stop();

const script = await writeScript(fixture.boss);
const pg = runPgbench(database.url, script, {
  clients: CONNECTIONS,
  seconds: SECONDS,
  vars: { mincid: minCustomer, maxcid: maxCustomer, tenant: fixture.tenantId },
});

print(
  `whole product (API + compliance worker + dispatcher), POST change-notifications, ${CONNECTIONS} connections, ${SECONDS} s, ${CUSTOMERS} customers`,
);
print(line('autocannon, every request new', results.acNew));
print(line(`autocannon, ${REPLAY_SHARE * 100}% replays`, results.acReplay));
print(line('wrk (2 threads), every request new', results.wrkNew));
print(line(`wrk (2 threads), ${REPLAY_SHARE * 100}% replays`, results.wrkReplay));
print(line('bare Hono, autocannon', { ...bareAc, processedPerSecond: undefined }));
print(line('bare Hono, wrk', bareWrk && { ...bareWrk, processedPerSecond: undefined }));
if (pg && Number.isFinite(pg.tps)) {
  print(
    `  ${'pgbench, the same two inserts'.padEnd(44)} ${pg.tps.toFixed(0).padStart(6)} tps    latency avg ${pg.latencyMs} ms`,
  );
} else {
  print(`  pgbench: not run${pg ? `:\n${pg.output}` : ' (not installed)'}`);
}
print(`  webhook deliveries received by the subscriber: ${delivered}`);
print(`  backlog left after the runs: ${left} (worker drained ${drainRate.toFixed(0)}/s with the API idle)`);
const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : 'n/a');
print('ratios (autocannon; wrk in brackets):');
print(
  `  5% replays / new: ${ratio(results.acReplay.rps, results.acNew.rps)} (${ratio(results.wrkReplay?.rps ?? 0, results.wrkNew?.rps)}), target >= 0.9`,
);
print(
  `  whole product / pgbench: ${ratio(results.acNew.rps, pg?.tps)} (${ratio(results.wrkNew?.rps ?? 0, pg?.tps)}), target >= 1.0`,
);
print(
  `  whole product / bare Hono: ${ratio(results.acNew.rps, bareAc.rps)} (${ratio(results.wrkNew?.rps ?? 0, bareWrk?.rps)}), target >= 0.25`,
);
const all500 = [results.acNew, results.acReplay, results.wrkNew, results.wrkReplay].reduce(
  (n, f) => n + (f?.s500 ?? 0),
  0,
);
print(`  responses of 500 in all runs: ${all500} (target 0)`);
subscriber.close();
await fixture.close();
await database.close();
