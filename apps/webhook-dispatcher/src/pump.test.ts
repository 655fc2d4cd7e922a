// A destination at its cap is refilled from heads claimed ahead, never more than its cap sent at once.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningDispatcher, startDispatcher } from './dispatcher.js';
import { CLAIM_AHEAD } from './pump.js';
import { createWorld, memoryLogger, testEnv, type World, waitFor } from './testing/fixtures.js';

const CAP = 2;

let world: World;
let dispatcher: RunningDispatcher | undefined;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await dispatcher?.stop();
  await close?.();
  await world.close();
});

interface Seen {
  subscription: string;
  eventId: string;
  accountId: string;
}

/** A subscriber that holds every answer while `holding`, and notes the most requests open at once. */
async function holdingReceiver() {
  const seen: Seen[] = [];
  const held: ServerResponse[] = [];
  let open = 0;
  let mostOpen = 0;
  let holding = true;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      seen.push({
        subscription: new URL(req.url ?? '', 'http://x').searchParams.get('n') ?? '',
        eventId: body.eventId,
        accountId: body.payload.id,
      });
      open++;
      mostOpen = Math.max(mostOpen, open);
      res.on('finish', () => open--);
      if (holding) held.push(res);
      else res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    seen,
    open: () => open,
    mostOpen: () => mostOpen,
    release() {
      holding = false;
      for (const res of held.splice(0)) res.writeHead(200).end();
    },
  };
}

it('claims a destination at its cap ahead (up to CLAIM_AHEAD x its cap), sends at most its cap at once, and refills it without polling', async () => {
  const receiver = await holdingReceiver();
  const tenant = await world.createTenant();
  // Two subscriptions on one host:port: one destination.
  for (const n of [1, 2]) await world.subscribe(tenant, `${receiver.url}?n=${n}`, { maxAttempts: 5 });
  const accounts: string[] = [];
  const expected = new Map<string, string[]>();
  for (let i = 0; i < 6; i++) {
    const { customerId, accountIds } = await world.createCustomer(tenant, ['USD']);
    accounts.push(accountIds[0] as string);
    for (let round = 0; round < 2; round++) {
      const [eventId] = await world.toggle(tenant, customerId);
      expected.set(accountIds[0] as string, [
        ...(expected.get(accountIds[0] as string) ?? []),
        eventId as string,
      ]);
    }
  }
  // 6 accounts x 2 subscriptions: 12 heads due at once, 24 deliveries in all.
  dispatcher = await startDispatcher(
    testEnv(world.database.connectionString, {
      WEBHOOK_MAX_IN_FLIGHT_PER_DESTINATION: String(CAP),
      WEBHOOK_TIMEOUT_MS: '10000',
      WEBHOOK_LEASE_SECONDS: '60',
      // Only wake-ups move it: a poll would come after the test's deadline.
      WEBHOOK_POLL_INTERVAL_MS: '60000',
    }),
    memoryLogger().logger,
  );
  const leased = async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM webhook_deliveries
      WHERE state = 'PENDING' AND claim > 0 AND next_attempt_at > now()`.execute(world.handle.db);
    return rows[0]?.n ?? 0;
  };
  // While the cap's requests hang, the claim has taken CLAIM_AHEAD x the cap of the 12 heads.
  await waitFor(
    'the cap sent and more claimed ahead',
    async () => receiver.open() === CAP && (await leased()) === CLAIM_AHEAD * CAP,
    10_000,
  );
  expect(CLAIM_AHEAD * CAP).toBeLessThan(12);
  expect(receiver.seen).toHaveLength(CAP);

  receiver.release();
  await waitFor('every delivery made', () => receiver.seen.length >= 24, 10_000);
  await waitFor('every delivery settled', async () => (await leased()) === 0);
  expect(receiver.mostOpen()).toBe(CAP);
  // Each once, in order per subscription and account.
  expect(receiver.seen).toHaveLength(24);
  for (const subscription of ['1', '2']) {
    for (const account of accounts) {
      const got = receiver.seen
        .filter((s) => s.subscription === subscription && s.accountId === account)
        .map((s) => s.eventId);
      expect(got).toEqual(expected.get(account));
    }
  }
  const { rows } = await sql<{ state: string; n: number }>`
    SELECT state, count(*)::int AS n FROM webhook_deliveries GROUP BY state`.execute(world.handle.db);
  expect(rows).toEqual([{ state: 'DELIVERED', n: 24 }]);
}, 30_000);
