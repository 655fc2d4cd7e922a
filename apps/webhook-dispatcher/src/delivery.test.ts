import { QUEUES } from '@wallet/jobs';
import { verifyAccountUpdate } from '@wallet/webhooks';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDispatcher, startDispatcher } from './dispatcher.js';
import { createWorld, memoryLogger, sleep, testEnv, type World, waitFor } from './testing/fixtures.js';
import { type Receiver, startReceiver } from './testing/receiver.js';

let world: World;
let dispatcher: RunningDispatcher;
let logLines: string[];
const receivers: Receiver[] = [];

beforeAll(async () => {
  world = await createWorld();
  const { logger, lines } = memoryLogger();
  logLines = lines;
  dispatcher = await startDispatcher(testEnv(world.database.connectionString), logger);
});
afterAll(async () => {
  await dispatcher.stop();
  for (const r of receivers) await r.close();
  await world.close();
});

async function receiver() {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

describe('delivery', () => {
  it('sends each event, signed and in seed 001 shape, to every active subscription of its tenant only', async () => {
    const [first, second, foreign] = [await receiver(), await receiver(), await receiver()];
    const tenant = await world.createTenant();
    const other = await world.createTenant();
    const a = await world.subscribe(tenant, first.url);
    const b = await world.subscribe(tenant, second.url);
    await world.subscribe(other, foreign.url);
    const { customerId } = await world.createCustomer(tenant, ['USD']);
    const [eventId] = await world.toggle(tenant, customerId);

    await waitFor('both subscribers', () => first.requests.length === 1 && second.requests.length === 1);
    for (const [r, sub] of [
      [first, a],
      [second, b],
    ] as const) {
      const request = r.requests[0]!;
      const headers = {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      };
      // The standardwebhooks package, as a subscriber would use it, and our own verifier.
      const verified = new Webhook(sub.secret).verify(request.body, headers) as Record<string, unknown>;
      expect(verified.eventId).toBe(eventId);
      expect(verifyAccountUpdate(sub.secret, request.body, request.headers).eventId).toBe(eventId);
      expect(() => new Webhook(b === sub ? a.secret : b.secret).verify(request.body, headers)).toThrow();
      expect(headers['webhook-id']).toBe(eventId);
      expect(request.headers['content-type']).toBe('application/json');
      const body = JSON.parse(request.body);
      expect(Object.keys(body)).toEqual(['source', 'eventId', 'eventName', 'payload', 'signature']);
      expect(body).toMatchObject({ source: 'PL', eventId, eventName: 'Account.UPDATE' });
      expect(Object.keys(body.payload)).toEqual([
        'id',
        'name',
        'number',
        'createdDate',
        'updatedDate',
        'balance',
        'customerID',
        'customerName',
        'accountType',
        'currency',
        'currencyCode',
        'status',
        'program',
        'accountLevel',
      ]);
      expect(body.payload).toMatchObject({
        customerID: customerId,
        accountType: 'WALLET',
        currency: 'USD',
        currencyCode: '840',
        status: 'BLOCKED',
        balance: 0,
      });
      expect(body.signature).toMatch(/^[0-9a-f]{64}$/);
    }
    // The other tenant's subscriber gets nothing, now or a little later.
    await sleep(500);
    expect(foreign.requests).toHaveLength(0);

    const rows = await world.handle.db
      .selectFrom('webhook_deliveries')
      .innerJoin(
        'webhook_delivery_attempts',
        'webhook_delivery_attempts.delivery_id',
        'webhook_deliveries.id',
      )
      .select(['state', 'attempt_count', 'status_code', 'error', 'duration_ms'])
      .where('event_id', '=', eventId!)
      .execute();
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({ state: 'DELIVERED', attempt_count: 1, status_code: 200 });
  });

  it('keeps eventId stable across attempts, and keeps secrets and signatures out of the logs', async () => {
    const r = await receiver();
    r.respond((_req, n) => ({ status: n === 1 ? 503 : 200, body: 'x'.repeat(5000) }));
    const tenant = await world.createTenant();
    const sub = await world.subscribe(tenant, r.url);
    const { customerId } = await world.createCustomer(tenant, ['EUR']);
    const [eventId] = await world.toggle(tenant, customerId);
    await waitFor('a retry that succeeds', () => r.requests.length === 2);
    expect(r.requests.map((q) => q.headers['webhook-id'])).toEqual([eventId, eventId]);
    expect(r.requests[0]!.headers['webhook-signature']).not.toBe(undefined);
    const attempts = await waitFor('two recorded attempts', async () => {
      const rows = await world.handle.db
        .selectFrom('webhook_delivery_attempts')
        .innerJoin('webhook_deliveries', 'webhook_deliveries.id', 'webhook_delivery_attempts.delivery_id')
        .select(['attempt', 'status_code', 'response_body'])
        .where('subscription_id', '=', sub.id)
        .orderBy('attempt')
        .execute();
      return rows.length === 2 && rows;
    });
    expect(attempts.map((a) => [a.attempt, a.status_code])).toEqual([
      [1, 503],
      [2, 200],
    ]);
    // Only a 1 KiB prefix of the answer is kept.
    expect(attempts[0]!.response_body).toHaveLength(1024);
    const log = logLines.join('\n');
    expect(log).toContain('delivery attempt');
    expect(log).not.toContain(sub.secret);
    expect(log).not.toContain(sub.secret.slice(6));
    for (const q of r.requests) {
      expect(log).not.toContain(JSON.parse(q.body).signature);
      expect(log).not.toContain(String(q.headers['webhook-signature']).slice(3));
    }
  });

  it('a subscription deleted while its delivery is in flight does not hold up the others', async () => {
    const slow = await receiver();
    const fast = await receiver();
    slow.respond(() => ({ status: 200, delayMs: 200 }));
    const tenant = await world.createTenant();
    const doomed = await world.subscribe(tenant, slow.url);
    const kept = await world.subscribe(tenant, fast.url);
    const { customerId } = await world.createCustomer(tenant, ['GBP']);
    const [eventId] = await world.toggle(tenant, customerId);
    await waitFor('the slow request', () => slow.requests.length === 1);
    await world.handle.db.deleteFrom('webhook_subscriptions').where('id', '=', doomed.id).execute();
    await sleep(400);
    const rows = await world.handle.db
      .selectFrom('webhook_deliveries')
      .select(['subscription_id', 'state'])
      .where('event_id', '=', eventId!)
      .execute();
    expect(rows).toEqual([{ subscription_id: kept.id, state: 'DELIVERED' }]);
    expect(fast.requests).toHaveLength(1);
  });
});

describe('fan-out job data', () => {
  it('dead-letters a fan-out job whose data fails its schema at once, and fans out the others', async () => {
    const r = await receiver();
    const tenant = await world.createTenant();
    await world.subscribe(tenant, r.url);
    const poison = await world.boss.send(QUEUES.webhookFanout, { eventId: 42, extra: true });
    const { customerId } = await world.createCustomer(tenant, ['USD']);
    const [eventId] = await world.toggle(tenant, customerId);

    await waitFor('the valid event delivered', () => r.requests.length === 1);
    expect(JSON.parse(r.requests[0]!.body).eventId).toBe(eventId);
    const dead = await waitFor('the poison job dead-lettered', async () => {
      const { rows } = await sql<{ data: unknown }>`
        SELECT data FROM pgboss.job WHERE name = ${QUEUES.webhookFanoutDead}`.execute(world.handle.db);
      return rows.length > 0 && rows;
    });
    expect(dead.map((d) => d.data)).toEqual([{ eventId: 42, extra: true }]);
    const { rows: original } = await sql<{ state: string; retry_count: number; output: { reason?: string } }>`
      SELECT state, retry_count, output FROM pgboss.job WHERE id = ${poison}::uuid`.execute(world.handle.db);
    // Not retried: its data can never pass.
    expect(original).toEqual([
      { state: 'failed', retry_count: 0, output: { reason: expect.stringMatching(/eventId/) } },
    ]);
    expect(logLines.some((l) => l.includes('job dead-lettered') && l.includes('eventId'))).toBe(true);
  });
});
