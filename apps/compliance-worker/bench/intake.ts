// Intake benchmark. Run after `build`: `node bench/intake.ts` (or `pnpm bench`).
// The real API (its own process) on loopback, driven by autocannon at 32 connections: requests/s and
// p50/p99 of POST change-notifications. Then pgbench runs the same two inserts (the notification
// row and pg-boss's job row, in one transaction) on the same database with 32 clients for as long.
// Target: API requests/s >= 0.8 x pgbench tps. Prints figures and the ratio; asserts nothing.
// The API stores the notifications that arrive while earlier ones are being written in one statement
// (group commit, see createIntakeBatcher in @wallet/core); pgbench commits each pair on its own.
import { openScratchDatabase } from '@wallet/testkit/scratch';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { PGBENCH, runPgbench, writeScript } from './pgbench.ts';
import { spawnApi, spawnWorker } from './processes.ts';
import { createFixture, print, sleep } from './world.ts';

const CONNECTIONS = 32;
const SECONDS = 10;
const WARMUP_SECONDS = 2;
const CUSTOMERS = 2000;
const TARGET_RATIO = 0.8;
const DRAIN_SECONDS = 15;

// Durable when embedded: the figures are about commits, which a cluster without fsync makes free.
const database = await openScratchDatabase('wallet_bench', { durable: true });
const fixture = await createFixture(database.url, CUSTOMERS);
const api = await spawnApi(database.url, CONNECTIONS);

// Every request a new change: a distinct changeTime (one second apart, in the past) for a random customer.
const base = Date.parse('2024-01-01T00:00:00Z');
let sequence = 0;
const run = (seconds: number) =>
  autocannon({
    url: api.url,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { authorization: `Bearer ${fixture.apiKey}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          const customer = fixture.customers[Math.floor(Math.random() * fixture.customers.length)];
          const changeTime = new Date(base + 1000 * sequence++).toISOString();
          return {
            ...req,
            path: `/v2/customer-persons/${customer}/change-notifications`,
            body: JSON.stringify({ changeType: 'PASSWORD_CHANGED', changeTime }),
          };
        },
      },
    ],
  });

await run(WARMUP_SECONDS);
const result = await run(SECONDS);
await api.stop();
const rps = result.requests.average;
print(`intake: POST change-notifications, ${CONNECTIONS} connections, ${SECONDS} s, real API on loopback`);
print(
  `  API:     ${rps.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms` +
    ` (${result['2xx']} x 2xx, ${result.non2xx} non-2xx, ${result.errors} errors)`,
);

const script = await writeScript(fixture.boss);
const [first, last] = [fixture.customers[0], fixture.customers.at(-1)];
const bench = runPgbench(database.url, script, {
  clients: CONNECTIONS,
  seconds: SECONDS,
  vars: { mincid: String(first), maxcid: String(last), tenant: fixture.tenantId },
});
if (!bench) {
  print(`  pgbench: ${PGBENCH} not found; the comparison is skipped`);
} else if (!Number.isFinite(bench.tps)) {
  print(`  pgbench failed:\n${bench.output}`);
} else {
  const ratio = rps / bench.tps;
  print(
    `  pgbench: ${bench.tps.toFixed(0)} tps, latency avg ${bench.latencyMs} ms (same two inserts, ${CONNECTIONS} clients, -M prepared, ${bench.failed} failed)`,
  );
  print(
    `  ratio:   ${ratio.toFixed(2)} x pgbench (target >= ${TARGET_RATIO}): ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}`,
  );
}

// For context, not a target: how fast one worker (default settings) works through the backlog that
// the runs above left. The latency bench runs the whole pipeline at a steady 200/s.
const progress = async () => {
  const { rows } = await sql<{ total: string; processed: string }>`
    SELECT count(*) AS total, count(processed_at) AS processed FROM change_notifications`.execute(
    fixture.handle.db,
  );
  return { total: Number(rows[0]?.total), processed: Number(rows[0]?.processed) };
};
const worker = await spawnWorker(database.url);
const before = await progress();
await sleep(DRAIN_SECONDS * 1000);
const drained = (await progress()).processed - before.processed;
await worker.stop();
print(
  `  worker:  ${(drained / DRAIN_SECONDS).toFixed(0)} notifications/s placed or extended, over ${DRAIN_SECONDS} s of a backlog of ${before.total - before.processed} (one worker)`,
);
await fixture.close();
await database.close();
