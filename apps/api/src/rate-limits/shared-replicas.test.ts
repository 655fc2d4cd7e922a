import { createTestDatabase, type TestDatabase } from '@wallet/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getFrom } from '../testing/from-address.js';
import { ADMIN_TOKEN, client } from '../testing/harness.js';
import { type Replica, startReplica } from '../testing/replicas.js';

let database: TestDatabase;
let replicas: Replica[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const env = {
    DATABASE_URL: database.connectionString,
    ADMIN_TOKEN,
    RATE_LIMIT_PER_MINUTE: '6',
    AUTH_FAILURES_PER_MINUTE: '4',
    LOG_LEVEL: 'info',
  };
  replicas = await Promise.all([startReplica(env), startReplica(env)]);
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await database?.drop();
});

it('two API processes share one tenant budget: 6 a minute in all, not 6 each', async () => {
  const [a, b] = replicas as [Replica, Replica];
  const { body } = await client(a.url, ADMIN_TOKEN)('POST', '/admin/tenants', { name: 'shared-limit' });
  const onA = client(a.url, body.apiKey);
  const onB = client(b.url, body.apiKey);
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    statuses.push((await onA('GET', '/v2/customer-persons')).status);
    const fromB = await onB('GET', '/v2/customer-persons');
    statuses.push(fromB.status);
    expect(fromB.headers.get('ratelimit')).toMatch(new RegExp(`^"tenant";r=${4 - 2 * i};t=\\d+$`));
  }
  expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  const limitedA = await onA('GET', '/v2/customer-persons');
  const limitedB = await onB('GET', '/v2/customer-persons');
  expect([limitedA.status, limitedB.status]).toEqual([429, 429]);
  expect(limitedB.headers.get('ratelimit-policy')).toBe('"tenant";q=6;w=60');
  expect(Number(limitedB.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
});

it('two API processes share the failed-authentication count of an address', async () => {
  const [a, b] = replicas as [Replica, Replica];
  const bad = { authorization: 'Bearer wk_not-a-real-key' };
  const path = '/v2/customer-persons';
  const verdicts: number[] = [];
  for (const replica of [a, b, a, b])
    verdicts.push((await getFrom('127.0.3.1', `${replica.url}${path}`, bad)).status);
  expect(verdicts).toEqual([401, 401, 401, 401]);
  expect((await getFrom('127.0.3.1', `${a.url}${path}`, bad)).status).toBe(429);
  expect((await getFrom('127.0.3.1', `${b.url}${path}`, bad)).status).toBe(429);
  expect((await getFrom('127.0.3.2', `${b.url}${path}`, bad)).status).toBe(401);
});
