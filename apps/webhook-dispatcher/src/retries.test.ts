import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDispatcher, startDispatcher } from './dispatcher.js';
import { createWorld, memoryLogger, sleep, testEnv, type World, waitFor } from './testing/fixtures.js';
import { type Receiver, type Reply, startReceiver } from './testing/receiver.js';

// WEBHOOK_RETRY_DELAYS=0.2,0.2 (jitter up to +10%), so the default maxAttempts is 3.
const DELAY_MS = 200;

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

async function subscription(reply: Reply, maxAttempts?: number) {
  const receiver = await startReceiver(() => reply);
  receivers.push(receiver);
  const tenant = await world.createTenant();
  const sub = await world.subscribe(tenant, receiver.url, { maxAttempts });
  const { customerId } = await world.createCustomer(tenant, ['USD']);
  return { receiver, tenant, sub, customerId };
}

function subscriptionRow(id: string) {
  return world.handle.db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function attemptsOf(subscriptionId: string) {
  return world.handle.db
    .selectFrom('webhook_delivery_attempts')
    .innerJoin('webhook_deliveries', 'webhook_deliveries.id', 'webhook_delivery_attempts.delivery_id')
    .select(['attempt', 'status_code', 'error', 'duration_ms', 'state'])
    .where('subscription_id', '=', subscriptionId)
    .orderBy('webhook_delivery_attempts.id')
    .execute();
}

describe.each([
  { name: '500', reply: { status: 500 } as Reply, minGapMs: DELAY_MS },
  { name: '204', reply: { status: 204 } as Reply, minGapMs: DELAY_MS },
  { name: 'a timeout', reply: { status: 200, hang: true } as Reply, minGapMs: DELAY_MS + 300 },
])('an endpoint answering $name', ({ reply, minGapMs }) => {
  it('gets exactly maxAttempts attempts on schedule, then the subscription is CANCELLED', async () => {
    const { receiver, tenant, sub, customerId } = await subscription(reply);
    const [eventId] = await world.toggle(tenant, customerId);
    const row = await waitFor('cancellation', async () => {
      const r = await subscriptionRow(sub.id);
      return r.status === 'CANCELLED' && r;
    });
    expect(row.cancelled_at).toBeInstanceOf(Date);
    expect(row.cancel_reason).toContain(`delivery of ${eventId} failed 3 time(s)`);
    expect(receiver.requests.map((r) => r.eventId)).toEqual([eventId, eventId, eventId]);
    const starts = receiver.requests.map((r) => r.at);
    for (let i = 1; i < starts.length; i++) {
      const gap = starts[i]! - starts[i - 1]!;
      expect(gap).toBeGreaterThanOrEqual(minGapMs - 15);
      expect(gap).toBeLessThan(minGapMs + 1500);
    }
    const attempts = await attemptsOf(sub.id);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    for (const a of attempts) {
      expect(a.state).toBe('FAILED');
      if (reply.hang) expect(a).toMatchObject({ status_code: null, error: 'timeout after 300 ms' });
      else expect(a).toMatchObject({ status_code: reply.status, error: null });
    }

    // Cancelled: a later event is not sent, and not even queued for it.
    receiver.respond(() => ({ status: 200 }));
    const [later] = await world.toggle(tenant, customerId);
    await sleep(800);
    expect(receiver.requests).toHaveLength(3);
    const queued = await world.handle.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('event_id', '=', later!)
      .execute();
    expect(queued).toHaveLength(0);

    // Reactivated (as the API does), it gets the events that follow.
    await world.handle.db
      .updateTable('webhook_subscriptions')
      .set({ status: 'ACTIVE', cancelled_at: null, cancel_reason: null })
      .where('id', '=', sub.id)
      .execute();
    const [next] = await world.toggle(tenant, customerId);
    await waitFor('delivery after reactivation', () => receiver.requests.length === 4);
    expect(receiver.requests[3]!.eventId).toBe(next);
  });
});

describe('retry rules', () => {
  it('410 Gone cancels at once, and pending deliveries of the subscription stop', async () => {
    const { receiver, tenant, sub } = await subscription({ status: 410 }, 10);
    const { customerId } = await world.createCustomer(tenant, ['EUR', 'GBP']);
    await world.toggle(tenant, customerId);
    const row = await waitFor('cancellation', async () => {
      const r = await subscriptionRow(sub.id);
      return r.status === 'CANCELLED' && r;
    });
    expect(row.cancel_reason).toBe('the endpoint answered 410 Gone');
    await sleep(500);
    // Two accounts, so two keys: the first 410 cancels; the other is sent at most once.
    expect(receiver.requests.length).toBeGreaterThanOrEqual(1);
    expect(receiver.requests.length).toBeLessThanOrEqual(2);
    const states = await world.handle.db
      .selectFrom('webhook_deliveries')
      .select('state')
      .where('subscription_id', '=', sub.id)
      .execute();
    // The one that cancelled FAILED; the other FAILED too, or was stopped (CANCELLED); none left PENDING.
    expect(states.map((s) => s.state).sort()[1]).toBe('FAILED');
    expect(states.map((s) => s.state)).not.toContain('PENDING');
  });

  it('honours Retry-After (clamped), never waiting less than the schedule', async () => {
    const { receiver, tenant, customerId } = await subscription({ status: 200 }, 2);
    receiver.respond((_r, n) =>
      n === 1 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 200 },
    );
    await world.toggle(tenant, customerId);
    await waitFor('the retry', () => receiver.requests.length === 2);
    expect(receiver.requests[1]!.at - receiver.requests[0]!.at).toBeGreaterThanOrEqual(985);
  });
});
