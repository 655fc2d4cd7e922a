// Latency benchmark. Run after `build`: `node bench/latency.ts` (or `pnpm bench`).
// The API and the compliance worker (processes of their own, LISTEN/NOTIFY on); notifications sent
// at a steady 200/s for 20 s (after a 3 s warm-up), each to its own customer. For each, the time from the 202 arriving
// to its restriction being visible to a reader that polls every 10 ms (so figures carry up to ~10 ms
// of polling error). Targets: p50 < 100 ms, p99 < 500 ms. Then 100/s for 10 s,
// for context. Prints figures; asserts nothing.
// `--rate N --whole-product` (issue 15): N/s with the webhook dispatcher running too; target p99 < 250 ms.
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { openScratchDatabase } from '@wallet/testkit/scratch';
import { sql } from 'kysely';
import { spawnApi, spawnDispatcher, spawnWorker } from './processes.ts';
import { createFixture, percentile, print, sleep } from './world.ts';

const { values: args } = parseArgs({
  options: { rate: { type: 'string', default: '200' }, 'whole-product': { type: 'boolean', default: false } },
});
const RATE = Number(args.rate);
const WHOLE_PRODUCT = args['whole-product'];
const SECONDS = 20;
const POLL_MS = 10;
const TARGETS = WHOLE_PRODUCT ? { p50: 100, p99: 250 } : { p50: 100, p99: 500 };

// Durable when embedded: the figures are about commits, which a cluster without fsync makes free.
const database = await openScratchDatabase('wallet_bench', { durable: true });
const WARMUP_SECONDS = 3;
const CONTEXT_RATE = 100;
const CONTEXT_SECONDS = 10;
const fixture = await createFixture(
  database.url,
  RATE * (SECONDS + WARMUP_SECONDS) + CONTEXT_RATE * CONTEXT_SECONDS,
);
const api = await spawnApi(database.url, 16);
const worker = await spawnWorker(database.url);
const dispatcher = WHOLE_PRODUCT
  ? await spawnDispatcher(database.url, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })
  : undefined;

const accepted = new Map<string, number>();
const visible = new Map<string, number>();
let rejected = 0;
let polling = true;
// Only the customers still waiting, through the active-restrictions index: the reader must not
// take the CPU that the API, the worker and PostgreSQL share on this machine.
const poller = (async () => {
  while (polling) {
    const pending = [...accepted.keys()].filter((c) => !visible.has(c));
    if (pending.length > 0) {
      const { rows } = await sql<{ customer_id: string }>`
        SELECT customer_id FROM restrictions WHERE customer_id = ANY(${pending}::bigint[]) AND lifted_at IS NULL`.execute(
        fixture.handle.db,
      );
      const now = performance.now();
      for (const r of rows) visible.set(r.customer_id, now);
    }
    await sleep(POLL_MS);
  }
})();

// node:http with keep-alive: a lighter client than fetch, for the same reason as the poller.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const post = (path: string, body: object) =>
  new Promise<number>((resolve, reject) => {
    const req = request(`${api.url}${path}`, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${fixture.apiKey}`, 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });

/** Sends to `customers` at `rate` per second; resolves once all answered and all are visible (or 30 s). */
async function drive(customers: string[], rate: number): Promise<number> {
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (const [i, customer] of customers.entries()) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      post(`/v2/customer-persons/${customer}/change-notifications`, {
        changeType: 'PASSWORD_CHANGED',
        changeTime: new Date().toISOString(),
      }).then((status) => {
        if (status === 202) accepted.set(customer, performance.now());
        else rejected++;
      }),
    );
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  const deadline = performance.now() + 30_000;
  const waiting = () => customers.some((c) => accepted.has(c) && !visible.has(c));
  while (waiting() && performance.now() < deadline) await sleep(50);
  return seconds;
}

/** Runs `seconds` at `rate` on fresh customers and prints the figures. */
async function measure(customers: string[], rate: number, seconds: number, targets: boolean): Promise<void> {
  const sent = await drive(customers, rate);
  const lag = (c: string) => (visible.get(c) ?? Number.NaN) - (accepted.get(c) ?? Number.NaN);
  const perSecond = Array.from({ length: seconds }, (_, sec) => {
    const xs = customers
      .slice(sec * rate, (sec + 1) * rate)
      .map(lag)
      .filter(Number.isFinite);
    return percentile(
      xs.sort((a, b) => a - b),
      0.5,
    ).toFixed(0);
  });
  const ok = customers.filter((c) => accepted.has(c));
  const latencies = ok
    .map(lag)
    .filter(Number.isFinite)
    .map((l) => Math.max(0, l));
  latencies.sort((a, b) => a - b);
  const [p50, p99] = [percentile(latencies, 0.5), percentile(latencies, 0.99)];
  const verdict = (v: number, t: number) => (targets ? ` (target < ${t}: ${v < t ? 'met' : 'NOT met'})` : '');
  print(
    `  ${rate}/s for ${seconds} s (sent in ${sent.toFixed(1)} s): ${ok.length} accepted, ${customers.length - ok.length} not, ${ok.length - latencies.length} never visible`,
  );
  print(
    `    p50 ${p50.toFixed(0)} ms${verdict(p50, TARGETS.p50)}, p99 ${p99.toFixed(0)} ms${verdict(p99, TARGETS.p99)}, max ${latencies.at(-1)?.toFixed(0)} ms`,
  );
  print(`    p50 of each second: ${perSecond.join(' ')} ms`);
}

print(
  `latency: 202 -> restriction visible (API and worker${WHOLE_PRODUCT ? ' and dispatcher' : ''} processes, LISTEN/NOTIFY, one customer each)`,
);
// Warm-up (JIT, connection pools, plan caches) on customers of its own, then the measured runs.
const [main, context, warm] = [
  fixture.customers.slice(0, RATE * SECONDS),
  fixture.customers.slice(RATE * SECONDS, RATE * SECONDS + CONTEXT_RATE * CONTEXT_SECONDS),
  fixture.customers.slice(RATE * SECONDS + CONTEXT_RATE * CONTEXT_SECONDS),
];
await drive(warm, RATE);
await measure(main, RATE, SECONDS, true);
// For context: the same at half the rate.
await measure(context, CONTEXT_RATE, CONTEXT_SECONDS, false);
polling = false;
await poller;
print(`  (${rejected} answers other than 202 in all)`);
agent.destroy();
await worker.stop();
await dispatcher?.stop();
await api.stop();
await fixture.close();
await database.close();
