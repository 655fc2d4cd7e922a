import { ACCOUNT_UPDATE, WEBHOOK_SUBSCRIPTION_CANCELLED, WEBHOOK_SUBSCRIPTION_FAILING } from '@wallet/domain';
import { verifyWebhook } from '@wallet/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDispatcher, startDispatcher } from './dispatcher.js';
import { createWorld, memoryLogger, sleep, testEnv, type World, waitFor } from './testing/fixtures.js';
import { type Receiver, type Responder, startReceiver } from './testing/receiver.js';

// WEBHOOK_RETRY_DELAYS=0.2,0.2; WEBHOOK_FAILING_THRESHOLD=3 (the default).
let world: World;
let dispatcher: RunningDispatcher;
const receivers: Receiver[] = [];

beforeAll(async () => {
  world = await createWorld();
  dispatcher = await startDispatcher(testEnv(world.database.connectionString), memoryLogger().logger);
});
afterAll(async () => {
  await dispatcher.stop();
  for (const r of receivers) await r.close();
  await world.close();
});

async function receiver(responder?: Responder) {
  const r = await startReceiver(responder);
  receivers.push(r);
  return r;
}

interface Body {
  eventName: string;
  eventId: string;
  payload: Record<string, unknown>;
}
const bodies = (r: Receiver) => r.requests.map((q) => JSON.parse(q.body) as Body);
const named = (r: Receiver, name: string) => bodies(r).filter((b) => b.eventName === name);

describe('WebhookSubscription.CANCELLED', () => {
  it('is recorded with the cancellation and delivered, signed, to the tenant’s other subscriptions that ask for it, never to the cancelled one', async () => {
    const tenant = await world.createTenant();
    const failing = await receiver(() => ({ status: 500 }));
    const watcher = await receiver();
    const bystander = await receiver();
    const doomed = await world.subscribe(tenant, failing.url, {
      maxAttempts: 2,
      eventTypes: [ACCOUNT_UPDATE, WEBHOOK_SUBSCRIPTION_CANCELLED],
    });
    const watching = await world.subscribe(tenant, watcher.url, {
      eventTypes: [WEBHOOK_SUBSCRIPTION_CANCELLED],
    });
    // Another tenant's subscription to the type hears nothing of this tenant's.
    const elsewhere = await world.createTenant();
    await world.subscribe(elsewhere, bystander.url, { eventTypes: [WEBHOOK_SUBSCRIPTION_CANCELLED] });
    const { customerId } = await world.createCustomer(tenant, ['USD']);
    const [accountEvent] = await world.toggle(tenant, customerId);

    await waitFor('the CANCELLED event at the watcher', () => watcher.requests.length === 1);
    const request = watcher.requests[0];
    const body = verifyWebhook(
      watching.secret,
      request?.body ?? '',
      request?.headers as Record<string, string>,
    );
    expect(body.eventName).toBe(WEBHOOK_SUBSCRIPTION_CANCELLED);
    expect(body.payload).toEqual({
      subscriptionId: doomed.id,
      url: failing.url,
      reason: `delivery of ${accountEvent} failed 2 time(s); last: HTTP 500`,
      consecutiveFailures: 2,
      eventId: accountEvent,
      attempt: 2,
      statusCode: 500,
      error: null,
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    });
    const subscription = await world.handle.db
      .selectFrom('webhook_subscriptions')
      .select(['status', 'cancelled_at'])
      .where('id', '=', doomed.id)
      .executeTakeFirstOrThrow();
    expect(subscription.status).toBe('CANCELLED');
    // Recorded in the log, about the subscription and ordered by it.
    const logged = await world.handle.db
      .selectFrom('events')
      .selectAll()
      .where('event_id', '=', body.eventId)
      .executeTakeFirstOrThrow();
    expect(logged).toMatchObject({
      tenant_id: tenant,
      event_type: WEBHOOK_SUBSCRIPTION_CANCELLED,
      subject_type: 'WebhookSubscription',
      subject_id: doomed.id,
      ordering_key: doomed.id,
    });
    await sleep(500);
    expect(failing.requests.map((r) => r.eventId)).toEqual([accountEvent, accountEvent]);
    expect(named(failing, WEBHOOK_SUBSCRIPTION_CANCELLED)).toHaveLength(0);
    expect(watcher.requests).toHaveLength(1);
    expect(bystander.requests).toHaveLength(0);
  });
});

describe('WebhookSubscription.FAILING', () => {
  it('is recorded once per streak, when the failed attempts in a row reach the threshold, and not sent to the failing subscription', async () => {
    const tenant = await world.createTenant();
    let failuresLeft = 5;
    const flaky = await receiver(() => (failuresLeft-- > 0 ? { status: 503 } : { status: 200 }));
    const watcher = await receiver();
    const sub = await world.subscribe(tenant, flaky.url, {
      maxAttempts: 10,
      eventTypes: [ACCOUNT_UPDATE, WEBHOOK_SUBSCRIPTION_FAILING],
    });
    await world.subscribe(tenant, watcher.url, { eventTypes: [WEBHOOK_SUBSCRIPTION_FAILING] });
    const { customerId } = await world.createCustomer(tenant, ['USD']);
    const [first] = await world.toggle(tenant, customerId);

    // Five failures, then delivered: one FAILING (at the third), however long the streak went on.
    await waitFor('the first event delivered', () => flaky.requests.length === 6, 20_000);
    await waitFor('a FAILING event at the watcher', () => watcher.requests.length >= 1);
    await sleep(600);
    expect(named(watcher, WEBHOOK_SUBSCRIPTION_FAILING)).toHaveLength(1);
    expect(named(watcher, WEBHOOK_SUBSCRIPTION_FAILING)[0]?.payload).toMatchObject({
      subscriptionId: sub.id,
      url: flaky.url,
      reason: '3 delivery attempts in a row failed; last: HTTP 503',
      consecutiveFailures: 3,
      eventId: first,
      attempt: 3,
      statusCode: 503,
    });

    // The delivered attempt ended the streak: three new failures in a row are a new one.
    failuresLeft = 3;
    const [second] = await world.toggle(tenant, customerId);
    await waitFor('the second event delivered', () => flaky.requests.length === 10, 20_000);
    await waitFor('a second FAILING event', () => watcher.requests.length === 2);
    await sleep(600);
    expect(watcher.requests).toHaveLength(2);
    expect(named(watcher, WEBHOOK_SUBSCRIPTION_FAILING)[1]?.payload).toMatchObject({
      eventId: second,
      attempt: 3,
      consecutiveFailures: 3,
    });
    // The failing subscription asked for FAILING too, but never hears of itself.
    expect(named(flaky, WEBHOOK_SUBSCRIPTION_FAILING)).toHaveLength(0);
    expect(flaky.requests.map((r) => r.eventId)).toEqual([...Array(6).fill(first), ...Array(4).fill(second)]);
    const streak = await world.handle.db
      .selectFrom('webhook_failure_streaks')
      .selectAll()
      .where('subscription_id', '=', sub.id)
      .executeTakeFirst();
    expect(streak).toBeUndefined();
  });
});
