import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readWebhookBacklog } from './backlog.js';
import { createWorld, type World } from './testing/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

it('counts the deliveries due now and the age of the oldest, leaving out those not yet due', async () => {
  expect(await readWebhookBacklog(world.handle.db)).toEqual({ due: 0, oldestDueAgeSeconds: 0 });
  const tenant = await world.createTenant();
  const subscription = await world.subscribe(tenant, 'https://example.invalid/hook');
  const { customerId } = await world.createCustomer(tenant, ['USD']);
  await world.toggle(tenant, customerId);
  const event = await world.handle.db
    .selectFrom('account_events')
    .select(['event_id', 'account_id'])
    .executeTakeFirstOrThrow();
  // No dispatcher runs here: these rows stay as written.
  for (const [offset, replay] of [
    [-90, true],
    [-30, true],
    [600, true],
  ] as const) {
    await sql`
      INSERT INTO webhook_deliveries (subscription_id, event_id, account_id, replay, next_attempt_at)
      VALUES (${subscription.id}, ${event.event_id}, ${event.account_id}, ${replay}, now() + make_interval(secs => ${offset}))
    `.execute(world.handle.db);
  }
  const backlog = await readWebhookBacklog(world.handle.db);
  expect(backlog.due).toBe(2);
  expect(backlog.oldestDueAgeSeconds).toBeGreaterThanOrEqual(90);
  expect(backlog.oldestDueAgeSeconds).toBeLessThan(120);
});
