// Webhook dispatcher benchmarks. Run after `build`: `node bench/dispatch.ts` (or `pnpm bench`).
// 1. Throughput: a backlog of deliveries to a loopback receiver that answers 200 at once, many
//    subscriptions and events. Target: >= 2,000 deliveries/s on this 2-core machine. Memory too.
//    Beside it, in the same run, the receiver's bare ceiling: a plain node:http client loop posting
//    the same signed bodies to the same receiver at the dispatcher's per-destination concurrency;
//    the ratio dispatcher/ceiling is what the database work (claim, settle, fan-out) costs.
// 2. Latency: events made at a steady moderate rate; time from the status change's commit to the
//    receiver's first request for it. Target: first-delivery p99 < 100 ms. Prints figures and
//    ratios to the targets; asserts nothing. About 40-60 s in all.
import { openScratchDatabase } from '@wallet/testkit/scratch';
import { secretKey, signedBody, standardWebhookHeaders } from '@wallet/webhooks';
import { postCeiling, type SignedRequest, spawnDispatcher, startReceiver } from './processes.ts';
import { createFixture, mb, percentile, print } from './world.ts';

const THROUGHPUT_TARGET = 2000;
const LATENCY_P99_TARGET_MS = 100;
const SUBSCRIPTIONS = 20;
const CUSTOMERS = 200;
const ROUNDS = 2;
/** The throughput phase stops here even if the backlog is not drained (a loaded machine): the rate is of what arrived. */
const THROUGHPUT_MAX_SECONDS = 25;
/** The dispatcher's default WEBHOOK_MAX_IN_FLIGHT_PER_DESTINATION: every subscription here is one destination. */
const PER_DESTINATION = 16;
const LATENCY_SUBSCRIPTIONS = 3;
const LATENCY_EVENTS_PER_SECOND = 40;
const LATENCY_SECONDS = 10;

const database = await openScratchDatabase('wallet_bench');
const receiver = await startReceiver();
const fixture = await createFixture(database.url, CUSTOMERS);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// 1. Throughput: the backlog is recorded first (fan-out jobs queued), then the dispatcher starts.
await fixture.subscribe(receiver.url, SUBSCRIPTIONS);
let events = 0;
for (let round = 0; round < ROUNDS; round++) events += (await fixture.toggleAll()).length;
const expected = events * SUBSCRIPTIONS;
print(
  `throughput: ${SUBSCRIPTIONS} subscriptions x ${events} events (${CUSTOMERS} accounts) = ${expected} deliveries`,
);
const started = performance.now();
const dispatcher = spawnDispatcher(database.url);
let firstAt = 0;
while (receiver.count() < expected) {
  if (!firstAt && receiver.count() > 0) firstAt = performance.now();
  if (performance.now() - started > THROUGHPUT_MAX_SECONDS * 1000) break;
  await sleep(5);
}
const doneAt = performance.now();
const delivered = receiver.count();
const steady = delivered / ((doneAt - firstAt) / 1000);
const overall = delivered / ((doneAt - started) / 1000);
print(`  delivered ${delivered}/${expected}`);
print(
  `  ${steady.toFixed(0)} deliveries/s from first to last delivery (target >= ${THROUGHPUT_TARGET}: ${(steady / THROUGHPUT_TARGET).toFixed(2)}x)`,
);
print(`  ${overall.toFixed(0)} deliveries/s including start-up and fan-out`);
print(`  dispatcher peak RSS so far ${mb(dispatcher.peakRss())}`);

// 1b. The same bodies, signed as the dispatcher signs them (before timing), posted by a bare loop.
const stored = await fixture.handle.db
  .selectFrom('webhook_deliveries')
  .innerJoin('webhook_subscriptions', 'webhook_subscriptions.id', 'webhook_deliveries.subscription_id')
  .innerJoin('account_events', 'account_events.event_id', 'webhook_deliveries.event_id')
  .select(['webhook_deliveries.event_id', 'webhook_subscriptions.secret', 'account_events.payload'])
  .execute();
const now = Math.floor(Date.now() / 1000);
const bodies: SignedRequest[] = stored.map((row) => {
  const key = secretKey(row.secret);
  const body = signedBody(key, row.event_id, row.payload as Record<string, unknown>);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'wallet-webhooks/1.0',
      ...standardWebhookHeaders(key, row.event_id, now, body),
    },
  };
});
const ceiling = await postCeiling(receiver.url, bodies, PER_DESTINATION);
print(
  `  bare ceiling: node:http loop, same ${bodies.length} bodies, ${PER_DESTINATION} in flight: ${ceiling.toFixed(0)} requests/s`,
);
print(`  dispatcher / ceiling: ${(steady / ceiling).toFixed(2)}`);

// 2. Latency, on the same warm dispatcher: a few subscriptions, events at a steady rate.
await fixture.handle.db.deleteFrom('webhook_subscriptions').execute();
await fixture.subscribe(receiver.url, LATENCY_SUBSCRIPTIONS);
const committed: [string, number][] = [];
const interval = 1000 / LATENCY_EVENTS_PER_SECOND;
const latencyStart = performance.now();
let i = 0;
while (performance.now() - latencyStart < LATENCY_SECONDS * 1000) {
  const customer = fixture.customers[i++ % fixture.customers.length] ?? '';
  committed.push(...(await fixture.toggle(customer)));
  const next = latencyStart + i * interval;
  await sleep(Math.max(0, next - performance.now()));
}
const deadline = performance.now() + 10_000;
while (committed.some(([e]) => receiver.firstArrival(e) === undefined) && performance.now() < deadline)
  await sleep(10);
const latencies = committed
  .map(([e, at]) => (receiver.firstArrival(e) ?? Number.NaN) - at)
  .filter((v) => !Number.isNaN(v))
  .sort((a, b) => a - b);
const p50 = percentile(latencies, 0.5);
const p99 = percentile(latencies, 0.99);
print(
  `latency: ${committed.length} status changes at ${LATENCY_EVENTS_PER_SECOND}/s, ${LATENCY_SUBSCRIPTIONS} subscriptions`,
);
print(
  `  first delivery after commit: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
);
print(
  `  target first-delivery p99 < ${LATENCY_P99_TARGET_MS} ms: ${p99 < LATENCY_P99_TARGET_MS ? 'met' : 'missed'}, ${(p99 / LATENCY_P99_TARGET_MS).toFixed(2)}x of budget (${latencies.length} measured)`,
);

const peak = dispatcher.peakRss();
const memory = await dispatcher.stop();
print(
  `memory: dispatcher peak RSS ${mb(peak)}; at exit RSS ${mb(memory.rssBytes ?? 0)}, heap used ${mb(memory.heapUsedBytes ?? 0)}`,
);
await fixture.close();
await receiver.close();
await database.close();
