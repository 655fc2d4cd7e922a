// Drain benchmark. Run after `build`:
// `node bench/drain.ts [--backlog N] [--customers N] [--dispatcher] [--concurrency WORKER_CONCURRENCY] [--explain]`.
// `--explain` prints, after the drain, the plans (EXPLAIN ANALYZE) of the batch's hot statements on the
// drained tables (rolled back), to check each finds its rows through an index.
// A backlog of change notifications stored the way the API stores them (storeChangeNotifications: the
// rows and their jobs in one statement), changeTimes in the last 60 days and a one-year cooling-off,
// so every notification places or extends a restriction, as in bench/whole-product.ts. Then ONE worker
// process (default settings) starts on it, and the notifications it settles per second are printed
// every second and overall, with the load average beside them (the machine is shared).
// `--dispatcher` runs the webhook dispatcher as well (its fan-out consumes the worker's Account.UPDATE
// jobs), as with the whole product. Target (issue 15): >= 1,000 notifications/s. Asserts nothing.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { storeChangeNotifications } from '@wallet/core';
import { openScratchDatabase } from '@wallet/testkit/scratch';
import { sql } from 'kysely';
import { spawnDispatcher, spawnWorker } from './processes.ts';
import { createFixture, print, sleep } from './world.ts';

const { values: args } = parseArgs({
  options: {
    backlog: { type: 'string', default: '20000' },
    customers: { type: 'string', default: '1000' },
    dispatcher: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '64' },
    explain: { type: 'boolean', default: false },
  },
});
const BACKLOG = Number(args.backlog);
const CUSTOMERS = Number(args.customers);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const database = await openScratchDatabase('wallet_bench', { durable: true });
const fixture = await createFixture(database.url, CUSTOMERS);
const day = 86_400_000;
const base = Date.now() - 60 * day;
for (let i = 0; i < BACKLOG; i += 500) {
  const items = Array.from({ length: Math.min(500, BACKLOG - i) }, (_, j) => ({
    tenantId: fixture.tenantId,
    customerId: fixture.customers[Math.floor(Math.random() * CUSTOMERS)] as string,
    changeType: 'PASSWORD_CHANGED' as const,
    changeTime: new Date(base + (i + j) * 100).toISOString(),
  }));
  await storeChangeNotifications({ pool: fixture.handle.pool, boss: fixture.boss }, items);
}
await sql`VACUUM ANALYZE`.execute(fixture.handle.db);

const processed = async () => {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM change_notifications WHERE processed_at IS NOT NULL`.execute(fixture.handle.db);
  return Number(rows[0]?.n);
};
const dispatcher = args.dispatcher
  ? await spawnDispatcher(database.url, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })
  : undefined;
print(
  `drain: ${BACKLOG} notifications over ${CUSTOMERS} customers, one worker (WORKER_CONCURRENCY ${args.concurrency})${dispatcher ? ' + the dispatcher' : ''}; load ${load()}`,
);
const worker = await spawnWorker(database.url, {
  PASSWORD_CHANGE_RESTRICTION_SECONDS: String(365 * 86_400),
  WORKER_CONCURRENCY: args.concurrency,
});
const started = performance.now();
let last = await processed();
let done = last;
const rates: number[] = [];
while (done < BACKLOG && performance.now() - started < 120_000) {
  await sleep(1000);
  done = await processed();
  rates.push(done - last);
  print(`  ${String(rates.length).padStart(3)} s: ${String(done - last).padStart(5)}/s  load ${load()}`);
  last = done;
}
const seconds = (performance.now() - started) / 1000;
await worker.stop();
await dispatcher?.stop();
// The first second includes the worker's first fetch; the last one is a partial second.
const steady = rates.slice(1, -1).sort((a, b) => a - b);
print(
  `  drained ${done} in ${seconds.toFixed(1)} s: ${(done / seconds).toFixed(0)}/s overall, median ${
    steady[Math.floor(steady.length / 2)] ?? 'n/a'
  }/s per second (target >= 1000); load ${load()}`,
);
if (args.explain) {
  const { rows: sample } = await sql<{ id: string; customer_id: string }>`
    SELECT id, customer_id FROM change_notifications ORDER BY random() LIMIT 32`.execute(fixture.handle.db);
  const ids = sample.map((r) => r.id);
  const customers = sample.map((r) => r.customer_id);
  const plans = {
    lock: sql`SELECT c.id, c.tenant_id FROM customers c
      WHERE c.id IN (SELECT n.customer_id FROM change_notifications n WHERE n.id = ANY(${ids}::uuid[]))
      ORDER BY c.id FOR NO KEY UPDATE OF c`,
    mark: sql`UPDATE change_notifications SET processed_at = now()
      WHERE id = ANY(${ids}::uuid[]) AND processed_at IS NULL RETURNING id`,
    active: sql`SELECT id FROM restrictions WHERE customer_id = ANY(${customers}::bigint[])
      AND source = 'CHANGE_NOTIFICATION' AND lifted_at IS NULL`,
    accounts: sql`UPDATE accounts a SET updated_at = now()
      FROM unnest(${customers}::bigint[]) AS t (customer_id) WHERE a.customer_id = t.customer_id RETURNING a.id`,
    latestEvent: sql`SELECT (SELECT e.status FROM account_events e WHERE e.account_id = a.id ORDER BY e.id DESC LIMIT 1)
      FROM accounts a WHERE a.customer_id = ANY(${customers}::bigint[])`,
  };
  for (const [name, query] of Object.entries(plans)) {
    await fixture.handle.db
      .transaction()
      .execute(async (trx) => {
        const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, COSTS OFF) ${query}`.execute(
          trx,
        );
        print(`  plan of ${name}:\n${rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}`);
        throw new Error('rollback');
      })
      .catch(() => {});
  }
}
await fixture.close();
await database.close();
