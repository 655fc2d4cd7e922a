// Overload answers 503 with Retry-After instead of queueing without bound or hanging: the intake's
// waiting list is bounded, a request that cannot get a pool connection in time is refused, and
// /readyz keeps its own connection so a saturated pool does not make the API look dead.
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb } from '@wallet/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from './testing/harness.js';

describe('a saturated pool', () => {
  let api: TestApi;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    api = await startTestApi({
      DATABASE_POOL_SIZE: '1',
      DATABASE_CONNECT_TIMEOUT_MS: '200',
      DATABASE_STATEMENT_TIMEOUT_MS: '4321',
      DATABASE_LOCK_TIMEOUT_MS: '1234',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '5678',
    });
    call = client(api.url, (await api.createTenant()).apiKey);
  });
  afterAll(() => api.stop());

  it('every connection carries the configured statement, lock and idle-in-transaction limits', async () => {
    const show = async (setting: string) =>
      (await sql<Record<string, string>>`SHOW ${sql.raw(setting)}`.execute(api.services.db)).rows[0]?.[
        setting
      ];
    expect(await show('statement_timeout')).toBe('4321ms');
    expect(await show('lock_timeout')).toBe('1234ms');
    expect(await show('idle_in_transaction_session_timeout')).toBe('5678ms');
  });

  it('refuses a request that cannot get a connection in time with 503 and Retry-After; /readyz stays ready', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    // The main pool's only connection, held by a transaction.
    const holder = api.services.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      await held;
    });
    try {
      await sleep(50);
      const started = Date.now();
      const res = await call('GET', '/v2/customer-persons?externalId=nobody');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body.error.code).toBe('DW-SERVICE-UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(2_000);
      const ready = await fetch(`${api.url}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      release();
      await holder;
    }
    expect((await call('GET', '/v2/customer-persons?externalId=nobody')).status).toBe(200);
  });
});

describe('the intake waiting list', () => {
  let api: TestApi;
  let call: ReturnType<typeof client>;
  let customerId: string;
  beforeAll(async () => {
    api = await startTestApi({ INTAKE_MAX_WAITING: '5', RATE_LIMIT_PER_MINUTE: '0' });
    call = client(api.url, (await api.createTenant()).apiKey);
    const created = await call('POST', '/v2/customer-persons', {
      externalId: 'pressure',
      email: 'a@b.co',
      registrationIp: '1.2.3.4',
    });
    customerId = created.body.id;
  });
  afterAll(() => api.stop());

  it('past its depth answers 503 DW-SERVICE-UNAVAILABLE with Retry-After, and exposes the depth', async () => {
    // Every intake statement reads customers: with the table locked they all wait, so the list fills.
    const locker = createDb({ connectionString: api.database.connectionString, max: 1 });
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let locked: () => void = () => {};
    const isLocked = new Promise<void>((r) => {
      locked = r;
    });
    const holder = locker.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE customers IN ACCESS EXCLUSIVE MODE`.execute(trx);
      locked();
      await held;
    });
    let responses: Awaited<ReturnType<typeof call>>[] = [];
    try {
      await isLocked;
      const sent = Array.from({ length: 40 }, (_, i) =>
        call('POST', `/v2/customer-persons/${customerId}/change-notifications`, {
          changeType: 'PASSWORD_CHANGED',
          changeTime: new Date(Date.now() - 60_000 + i).toISOString(),
        }),
      );
      // Give every request time to arrive and be queued or refused.
      const refusedSoon = await Promise.race([
        Promise.any(sent.map(async (p) => ((await p).status === 503 ? true : Promise.reject()))),
        sleep(3_000).then(() => false),
      ]);
      expect(refusedSoon).toBe(true);
      const metrics = await (await fetch(`${api.url}/metrics`)).text();
      const waiting = Number(/^wallet_intake_waiting\{[^}]*\} (\d+)/m.exec(metrics)?.[1]);
      expect(waiting).toBe(5);
      release();
      responses = await Promise.all(sent);
    } finally {
      release();
      await holder;
      await locker.destroy();
    }
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 202 || s === 503)).toBe(true);
    const refused = responses.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect(r.body.error.code).toBe('DW-SERVICE-UNAVAILABLE');
    }
    // Those accepted were stored.
    const { rows } = await sql<{ count: string }>`SELECT count(*) FROM change_notifications`.execute(
      api.services.db,
    );
    expect(Number(rows[0]?.count)).toBe(statuses.filter((s) => s === 202).length);
  });
});

describe('a statement past statement_timeout', () => {
  let api: TestApi;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    api = await startTestApi({ DATABASE_STATEMENT_TIMEOUT_MS: '300' });
    call = client(api.url, (await api.createTenant()).apiKey);
  });
  afterAll(() => api.stop());

  it('is 503 with Retry-After, not a hang or a 500', async () => {
    const locker = createDb({ connectionString: api.database.connectionString, max: 1 });
    try {
      const res = await locker.db.connection().execute(async (conn) => {
        await sql`BEGIN; LOCK TABLE customers IN ACCESS EXCLUSIVE MODE`.execute(conn);
        const answer = await call('GET', '/v2/customer-persons?externalId=nobody');
        await sql`ROLLBACK`.execute(conn);
        return answer;
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.body.error.code).toBe('DW-SERVICE-UNAVAILABLE');
    } finally {
      await locker.destroy();
    }
  });
});
