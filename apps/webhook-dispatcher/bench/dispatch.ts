// Webhook dispatcher benchmarks. Run after `build`: `node bench/dispatch.ts` (or `pnpm bench`).
// 1. Throughput: a backlog of deliveries to one loopback receiver that answers 200 at once (20
//    subscriptions, each its own path: one destination). Target: >= 2,000 deliveries/s on this
//    2-core machine. Measured twice: with the default caps (WEBHOOK_MAX_IN_FLIGHT_PER_DESTINATION 16,
//    the fairness cap, which one destination meets at once) and with that cap raised to the
//    concurrency (256). Beside each, in the same run, the receiver's bare ceiling: a plain node:http
//    client loop posting the same signed bodies to the same receiver at the same concurrency; the
//    ratio dispatcher/ceiling is what claiming, signing and settling cost. Memory too.
// 2. Latency (default caps): events made at a steady moderate rate; time from the status change's
//    commit to the receiver's first request for it. Target: first-delivery p99 < 100 ms.
// Prints figures and ratios to the targets; asserts nothing. About 40-60 s in all.
import { openScratchDatabase } from '@wallet/testkit/scratch';
import { secretKey, signedBody, standardWebhookHeaders, subscriptionSecretContext } from '@wallet/webhooks';
import { postCeiling, type SignedRequest, spawnDispatcher, startReceiver } from './processes.ts';
import { createFixture, type Fixture, mb, percentile, print, secretBox } from './world.ts';

const THROUGHPUT_TARGET = 2000;
const LATENCY_P99_TARGET_MS = 100;
const SUBSCRIPTIONS = 20;
const CUSTOMERS = 200;
/** Two status changes per account per round: 200 accounts x 4 rounds x 20 subscriptions = 16,000 deliveries. */
const ROUNDS = 4;
/** Each throughput phase stops here even if its backlog is not drained: the rate is of what arrived. */
const DEFAULT_CAPS_MAX_SECONDS = 10;
const RAISED_CAP_MAX_SECONDS = 20;
/** The dispatcher's default WEBHOOK_MAX_IN_FLIGHT_PER_DESTINATION, and its WEBHOOK_CONCURRENCY. */
const PER_DESTINATION = 16;
const CONCURRENCY = 256;
const LATENCY_SUBSCRIPTIONS = 3;
const LATENCY_EVENTS_PER_SECOND = 40;
const LATENCY_SECONDS = 10;

const database = await openScratchDatabase('wallet_bench');
const receiver = await startReceiver();
const fixture = await createFixture(database.url, CUSTOMERS);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a dispatcher with `env` on what is left of the backlog until the receiver has `upTo` requests
 * in all, for at most `maxSeconds`; deliveries/s from the phase's first delivery.
 */
async function drain(label: string, env: Record<string, string>, maxSeconds: number, upTo: number) {
  const before = receiver.count();
  const started = performance.now();
  const dispatcher = spawnDispatcher(database.url, env);
  let firstAt = 0;
  while (receiver.count() < upTo) {
    if (!firstAt && receiver.count() > before) firstAt = performance.now();
    if (performance.now() - started > maxSeconds * 1000) break;
    await sleep(5);
  }
  const delivered = receiver.count() - before;
  const rate = delivered / ((performance.now() - (firstAt || started)) / 1000);
  const peak = dispatcher.peakRss();
  await dispatcher.stop();
  print(
    `  ${label}: ${delivered} delivered in ${((performance.now() - started) / 1000).toFixed(1)} s, ${rate.toFixed(0)} deliveries/s from the first (target >= ${THROUGHPUT_TARGET}: ${(rate / THROUGHPUT_TARGET).toFixed(2)}x), peak RSS ${mb(peak)}`,
  );
  return rate;
}

/** Every delivery of the database, signed as the dispatcher signs it (before any timing). */
async function signedBodies(f: Fixture): Promise<SignedRequest[]> {
  const stored = await f.handle.db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhook_subscriptions', 'webhook_subscriptions.id', 'webhook_deliveries.subscription_id')
    .innerJoin('events', 'events.event_id', 'webhook_deliveries.event_id')
    .select([
      'webhook_deliveries.event_id',
      'webhook_subscriptions.id',
      'webhook_subscriptions.secret_ciphertext',
      'webhook_subscriptions.secret_key_id',
      'events.payload',
      'events.event_type',
    ])
    .execute();
  const now = Math.floor(Date.now() / 1000);
  return stored.map((row) => {
    const secret = secretBox.open(
      { ciphertext: row.secret_ciphertext ?? '', keyId: row.secret_key_id ?? '' },
      subscriptionSecretContext(row.id),
    );
    const key = secretKey(secret);
    const body = signedBody(key, row.event_id, row.payload as Record<string, unknown>, row.event_type);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'wallet-webhooks/1.0',
        ...standardWebhookHeaders(key, row.event_id, now, body),
      },
    };
  });
}

// 1. Throughput: the backlog is recorded first (fan-out jobs queued), then the dispatchers run on it.
await fixture.subscribe(receiver.url, SUBSCRIPTIONS);
let events = 0;
for (let round = 0; round < ROUNDS; round++) events += (await fixture.toggleAll()).length;
const expected = events * SUBSCRIPTIONS;
print(
  `throughput: ${SUBSCRIPTIONS} subscriptions (one destination) x ${events} events (${CUSTOMERS} accounts) = ${expected} deliveries`,
);
// Half the backlog each, so that both phases measure a backlog of thousands.
const capped = await drain(
  'default caps (16 in flight to one destination)',
  {},
  DEFAULT_CAPS_MAX_SECONDS,
  expected / 2,
);
const raised = await drain(
  `destination cap raised to ${CONCURRENCY}`,
  {
    WEBHOOK_MAX_IN_FLIGHT_PER_DESTINATION: String(CONCURRENCY),
    WEBHOOK_MAX_IN_FLIGHT_PER_TENANT: String(CONCURRENCY),
  },
  RAISED_CAP_MAX_SECONDS,
  expected,
);
print(`  delivered ${receiver.count()}/${expected} in all`);
const bodies = await signedBodies(fixture);
for (const [inFlight, rate] of [
  [PER_DESTINATION, capped],
  [CONCURRENCY, raised],
] as const) {
  const ceiling = await postCeiling(receiver.url, bodies, inFlight);
  print(
    `  bare ceiling, node:http loop, same ${bodies.length} bodies, ${inFlight} in flight: ${ceiling.toFixed(0)} requests/s; dispatcher / ceiling ${(rate / ceiling).toFixed(2)}`,
  );
}

// 2. Latency, default caps: a few subscriptions, events at a steady rate.
await fixture.handle.db.deleteFrom('webhook_subscriptions').execute();
await fixture.subscribe(receiver.url, LATENCY_SUBSCRIPTIONS);
const dispatcher = spawnDispatcher(database.url);
await sleep(1500); // started and polling
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
  `latency: ${committed.length} status changes at ${LATENCY_EVENTS_PER_SECOND}/s, ${LATENCY_SUBSCRIPTIONS} subscriptions, default caps`,
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
