// Latency benchmark. Run after `build`: `node bench/latency.ts` (or `pnpm bench`).
// The API and the compliance worker (processes of their own, LISTEN/NOTIFY on); notifications sent
// at a steady 200/s for 20 s, each to its own customer. For each, the time from the 202 arriving
// to its restriction being visible to a reader that polls every 5 ms (so figures carry up to ~5 ms
// of polling error). Targets: p50 < 100 ms, p99 < 500 ms. Prints figures; asserts nothing.
import { sql } from 'kysely';
import { spawnApi, spawnWorker } from './processes.ts';
import { createFixture, openDatabase, percentile, print, sleep } from './world.ts';

const RATE = 200;
const SECONDS = 20;
const POLL_MS = 5;
const TARGETS = { p50: 100, p99: 500 };

const database = await openDatabase();
const fixture = await createFixture(database.url, RATE * SECONDS);
const api = await spawnApi(database.url, 16);
const worker = spawnWorker(database.url);
await sleep(1500);

const accepted = new Map<string, number>();
const visible = new Map<string, number>();
let rejected = 0;
let polling = true;
const poller = (async () => {
  while (polling) {
    const { rows } = await sql<{ customer_id: string }>`
      SELECT customer_id FROM restrictions WHERE created_at > now() - interval '10 seconds'`.execute(
      fixture.handle.db,
    );
    const now = performance.now();
    for (const r of rows) if (!visible.has(r.customer_id)) visible.set(r.customer_id, now);
    await sleep(POLL_MS);
  }
})();

const started = performance.now();
const inFlight: Promise<void>[] = [];
for (let i = 0; i < RATE * SECONDS; i++) {
  const wait = started + (i * 1000) / RATE - performance.now();
  if (wait > 0) await sleep(wait);
  const customer = fixture.customers[i] as string;
  inFlight.push(
    fetch(`${api.url}/v2/customer-persons/${customer}/change-notifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fixture.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ changeType: 'PASSWORD_CHANGED', changeTime: new Date().toISOString() }),
    }).then(async (res) => {
      await res.arrayBuffer();
      if (res.status === 202) accepted.set(customer, performance.now());
      else rejected++;
    }),
  );
}
await Promise.all(inFlight);
const sendSeconds = (performance.now() - started) / 1000;
const deadline = performance.now() + 30_000;
while (visible.size < accepted.size && performance.now() < deadline) await sleep(50);
polling = false;
await poller;

const latencies = [...accepted].flatMap(([c, t]) =>
  visible.has(c) ? [Math.max(0, visible.get(c)! - t)] : [],
);
latencies.sort((a, b) => a - b);
const [p50, p99] = [percentile(latencies, 0.5), percentile(latencies, 0.99)];
print(
  `latency: 202 -> restriction visible, ${RATE}/s for ${SECONDS} s (sent in ${sendSeconds.toFixed(1)} s)`,
);
print(`  ${accepted.size} accepted, ${rejected} rejected, ${accepted.size - latencies.length} never visible`);
print(
  `  p50 ${p50.toFixed(0)} ms (target < ${TARGETS.p50}: ${p50 < TARGETS.p50 ? 'met' : 'NOT met'}), ` +
    `p99 ${p99.toFixed(0)} ms (target < ${TARGETS.p99}: ${p99 < TARGETS.p99 ? 'met' : 'NOT met'}), ` +
    `max ${latencies.at(-1)?.toFixed(0)} ms`,
);
await worker.stop();
await api.stop();
await fixture.close();
await database.close();
