import { randomUUID } from 'node:crypto';
import { recordEvents } from '@wallet/core';
import { WEBHOOK_SUBSCRIPTION_FAILING } from '@wallet/domain';
import { verifyWebhook } from '@wallet/webhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningDispatcher, startDispatcher } from './dispatcher.js';
import { createWorld, memoryLogger, testEnv, type World, waitFor } from './testing/fixtures.js';
import { type Receiver, startReceiver } from './testing/receiver.js';

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

const payloadOf = (body: string) => (JSON.parse(body) as { payload: { subscriptionId: string } }).payload;

it('fans out and delivers an event type other than Account.UPDATE, in order per subscription and ordering key, retries included', async () => {
  const tenant = await world.createTenant();
  // Each event fails its first attempt: the next event of its key must wait for the retry.
  const seen = new Set<string>();
  const receiver = await startReceiver((r) => {
    if (seen.has(r.eventId)) return { status: 200 };
    seen.add(r.eventId);
    return { status: 500 };
  });
  receivers.push(receiver);
  const other = await startReceiver();
  receivers.push(other);
  const sub = await world.subscribe(tenant, receiver.url, {
    maxAttempts: 3,
    eventTypes: [WEBHOOK_SUBSCRIPTION_FAILING],
  });
  // Subscribed to Account.UPDATE only: gets none of them.
  await world.subscribe(tenant, other.url);

  const keys = [randomUUID(), randomUUID(), randomUUID()];
  const expected = new Map<string, string[]>(keys.map((k) => [k, []]));
  for (let round = 0; round < 4; round++) {
    for (const key of keys) {
      const [eventId] = await world.handle.db.transaction().execute((trx) =>
        recordEvents({ trx, boss: world.boss }, [
          {
            tenantId: tenant,
            eventType: WEBHOOK_SUBSCRIPTION_FAILING,
            subjectType: 'WebhookSubscription',
            subjectId: key,
            orderingKey: key,
            payload: { subscriptionId: key, url: 'https://example.com/x', reason: `round ${round}` },
          },
        ]),
      );
      expected.get(key)?.push(eventId as string);
    }
  }
  await waitFor('every event delivered', () => seen.size === 12 && receiver.requests.length === 24, 20_000);
  for (const [key, events] of expected) {
    const got = receiver.requests
      .filter((r) => payloadOf(r.body).subscriptionId === key)
      .map((r) => r.eventId);
    // The failed attempt, then its retry, before the key's next event is sent at all.
    expect(got).toEqual(events.flatMap((e) => [e, e]));
  }
  const last = receiver.requests.at(-1);
  const verified = verifyWebhook(sub.secret, last?.body ?? '', last?.headers as Record<string, string>);
  expect(verified.eventName).toBe(WEBHOOK_SUBSCRIPTION_FAILING);
  expect(Object.keys(verified.payload)).toEqual(['subscriptionId', 'url', 'reason']);
  expect(other.requests).toHaveLength(0);
});
