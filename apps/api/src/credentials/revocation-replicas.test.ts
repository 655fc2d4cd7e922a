import { createTestDatabase, type TestDatabase } from '@wallet/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_TOKEN, client } from '../testing/harness.js';
import { type Replica, startReplica } from '../testing/replicas.js';

let database: TestDatabase;
let replicas: Replica[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  // A cache TTL far above a second: only the NOTIFY can make a revoked key fail in time.
  const env = {
    DATABASE_URL: database.connectionString,
    ADMIN_TOKEN,
    API_KEY_CACHE_TTL_MS: '60000',
    LOG_LEVEL: 'info',
  };
  replicas = await Promise.all([startReplica(env), startReplica(env)]);
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await database?.drop();
});

/** Milliseconds until `call` answers 401, polling every 20 ms, or Infinity after `capMs`. */
async function msUntilRefused(call: () => Promise<{ status: number }>, since: number, capMs: number) {
  while (Date.now() - since < capMs) {
    if ((await call()).status === 401) return Date.now() - since;
    await new Promise((r) => setTimeout(r, 20));
  }
  return Number.POSITIVE_INFINITY;
}

it('a key revoked through one API process is refused by both within one second', async () => {
  const [a, b] = replicas as [Replica, Replica];
  const created = await client(a.url, ADMIN_TOKEN)('POST', '/admin/tenants', { name: 'two-replicas' });
  const rotated = await client(a.url, created.body.apiKey)('POST', '/v2/api-keys', { label: 'to revoke' });
  expect(rotated.status).toBe(201);
  const onA = client(a.url, rotated.body.apiKey);
  const onB = client(b.url, rotated.body.apiKey);
  // Both processes resolve the key, so both have it cached.
  for (let i = 0; i < 3; i++) {
    expect((await onA('GET', '/v2/customer-persons')).status).toBe(200);
    expect((await onB('GET', '/v2/customer-persons')).status).toBe(200);
  }

  const revokedAt = Date.now();
  const revoked = await client(a.url, created.body.apiKey)('DELETE', `/v2/api-keys/${rotated.body.id}`);
  expect(revoked.status).toBe(204);
  const [msA, msB] = await Promise.all([
    msUntilRefused(() => onA('GET', '/v2/customer-persons'), revokedAt, 3_000),
    msUntilRefused(() => onB('GET', '/v2/customer-persons'), revokedAt, 3_000),
  ]);
  expect(msA).toBeLessThan(1_000);
  expect(msB).toBeLessThan(1_000);
  // The other key of the tenant still works on both.
  expect((await client(b.url, created.body.apiKey)('GET', '/v2/customer-persons')).status).toBe(200);

  // Neither process wrote a key into its log.
  for (const replica of replicas) {
    const log = replica.output.join('\n');
    expect(log).toContain('api listening');
    expect(log).not.toContain(created.body.apiKey);
    expect(log).not.toContain(rotated.body.apiKey);
  }
});
