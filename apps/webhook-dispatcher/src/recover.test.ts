import { changeWebhookSubscription, recoverWebhookDeliveries } from '@wallet/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningDispatcher, startDispatcher } from './dispatcher.js';
import { createWorld, memoryLogger, testEnv, type World, waitFor } from './testing/fixtures.js';
import { type Receiver, startReceiver } from './testing/receiver.js';

let world: World;
let receiver: Receiver;
let dispatcher: RunningDispatcher;

beforeAll(async () => {
  world = await createWorld();
  receiver = await startReceiver(() => ({ status: 500 }));
  dispatcher = await startDispatcher(testEnv(world.database.connectionString), memoryLogger().logger);
});
afterAll(async () => {
  await dispatcher.stop();
  await receiver.close();
  await world.close();
});

const states = (subscriptionId: string) =>
  world.handle.db
    .selectFrom('webhook_deliveries')
    .select(['id', 'event_id', 'account_id', 'state', 'replay'])
    .where('subscription_id', '=', subscriptionId)
    .orderBy('id')
    .execute();

it('replays the stopped deliveries of two accounts in their original order, bounded per call, since a time', async () => {
  const tenant = await world.createTenant();
  // One attempt: the first failure marks its delivery FAILED and cancels the subscription, and with
  // it every other pending delivery (CANCELLED).
  const sub = await world.subscribe(tenant, receiver.url, { maxAttempts: 1 });
  await changeWebhookSubscription(world.handle.db, tenant, sub.id, { status: 'PAUSED' });
  const { customerId, accountIds } = await world.createCustomer(tenant, ['USD', 'EUR']);
  // Four status changes, each an event of both accounts: eight events, four per account.
  const byAccount = new Map<string, string[]>(accountIds.map((id) => [id, []]));
  for (let i = 0; i < 4; i++) {
    const events = await world.toggle(tenant, customerId);
    for (const [j, eventId] of events.entries()) byAccount.get(accountIds[j] as string)?.push(eventId);
  }
  await waitFor('fanned out while paused', async () => (await states(sub.id)).length === 8);
  await changeWebhookSubscription(world.handle.db, tenant, sub.id, { status: 'ACTIVE' });
  await waitFor('cancelled by the failure', async () =>
    (await states(sub.id)).every((d) => d.state === 'FAILED' || d.state === 'CANCELLED'),
  );
  const stopped = await states(sub.id);
  expect(stopped.filter((d) => d.state === 'FAILED').length).toBeGreaterThanOrEqual(1);

  // Recovery on a CANCELLED subscription is refused: reactivate it first.
  const since = new Date(Date.now() - 60_000);
  expect(
    await recoverWebhookDeliveries(world.handle.db, { tenantId: tenant, subscriptionId: sub.id, since }),
  ).toEqual({
    kind: 'cancelled',
  });
  // Another tenant cannot see it.
  const other = await world.createTenant();
  expect(
    await recoverWebhookDeliveries(world.handle.db, { tenantId: other, subscriptionId: sub.id, since }),
  ).toEqual({
    kind: 'subscription_not_found',
  });

  // The first event of each account was made long ago: outside `since`, it is not recovered.
  const firsts = accountIds.map((id) => byAccount.get(id)?.[0] as string);
  await sql`UPDATE webhook_deliveries SET created_at = now() - interval '2 days'
    WHERE subscription_id = ${sub.id} AND event_id = ANY(${firsts}::text[])`.execute(world.handle.db);

  await world.handle.db
    .updateTable('webhook_subscriptions')
    .set({ status: 'ACTIVE', cancelled_at: null, cancel_reason: null })
    .where('id', '=', sub.id)
    .execute();
  receiver.respond(() => ({ status: 200 }));
  const sentBefore = receiver.requests.length;

  // Six to recover, four per call at most here: 4, then 2.
  const first = await recoverWebhookDeliveries(world.handle.db, {
    tenantId: tenant,
    subscriptionId: sub.id,
    since,
    limit: 4,
  });
  const expectedOrder = stopped.filter((d) => !firsts.includes(d.event_id)).map((d) => d.event_id);
  expect(first).toEqual({ kind: 'queued', queued: 4, hasMore: true, eventIds: expectedOrder.slice(0, 4) });
  // The same call again goes on where the first stopped: what it queued is not queued twice.
  const second = await recoverWebhookDeliveries(world.handle.db, {
    tenantId: tenant,
    subscriptionId: sub.id,
    since,
    limit: 4,
  });
  expect(second).toEqual({ kind: 'queued', queued: 2, hasMore: false, eventIds: expectedOrder.slice(4) });

  await waitFor('the six recovered events delivered', () => receiver.requests.length - sentBefore >= 6);
  await waitFor('settled', async () => (await states(sub.id)).every((d) => d.state !== 'PENDING'));
  const recovered = receiver.requests.slice(sentBefore);
  expect(recovered).toHaveLength(6);
  for (const accountId of accountIds) {
    // Each account's events, in the order they happened, the old first one left out.
    expect(recovered.filter((r) => r.accountId === accountId).map((r) => r.eventId)).toEqual(
      byAccount.get(accountId)?.slice(1),
    );
  }
  const replays = (await states(sub.id)).filter((d) => d.replay);
  expect(replays.map((d) => [d.event_id, d.state])).toEqual(expectedOrder.map((e) => [e, 'DELIVERED']));

  // Everything recovered is delivered now: nothing more to queue.
  expect(
    await recoverWebhookDeliveries(world.handle.db, { tenantId: tenant, subscriptionId: sub.id, since }),
  ).toEqual({ kind: 'queued', queued: 0, hasMore: false, eventIds: [] });
  // From further back, the two old first events are recovered too, and only they.
  const older = await recoverWebhookDeliveries(world.handle.db, {
    tenantId: tenant,
    subscriptionId: sub.id,
    since: new Date(Date.now() - 3 * 86_400_000),
  });
  expect(older).toMatchObject({ kind: 'queued', queued: 2, hasMore: false });
  expect(older.kind === 'queued' && [...older.eventIds].sort()).toEqual([...firsts].sort());
}, 40_000);
