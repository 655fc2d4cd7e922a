import { createDb } from '@wallet/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '100' });
});
afterAll(() => api.stop());

it('counts in memory far from the limit, yet refuses exactly past it and writes every count to PostgreSQL', async () => {
  const tenant = await api.createTenant();
  const call = client(api.url, tenant.apiKey);
  const statuses: number[] = [];
  const remaining: string[] = [];
  for (let i = 0; i < 110; i++) {
    const res = await call('GET', '/v2/customer-persons');
    statuses.push(res.status);
    remaining.push(res.headers.get('ratelimit') ?? '');
  }
  expect(statuses.filter((s) => s === 200)).toHaveLength(100);
  expect(statuses.slice(100)).toEqual(Array(10).fill(429));
  // The remaining count falls by one per request, whether counted in memory or in the database.
  expect(remaining.slice(0, 100).map((h) => Number(/r=(\d+)/.exec(h)?.[1]))).toEqual(
    Array.from({ length: 100 }, (_, i) => 99 - i),
  );
  await new Promise((r) => setTimeout(r, 200));
  const handle = createDb({ connectionString: api.database.connectionString, max: 1 });
  const tenantRow = await handle.db
    .selectFrom('tenants')
    .select('id')
    .where('name', '=', tenant.name)
    .executeTakeFirstOrThrow();
  const row = await handle.db
    .selectFrom('rate_limits' as never)
    .select(['points' as never])
    .where('key' as never, '=', `tenant:${tenantRow.id}` as never)
    .executeTakeFirstOrThrow();
  await handle.destroy();
  // Every request reached the shared counter (the refused ones too, as rate-limiter-flexible counts them).
  expect((row as { points: number }).points).toBe(110);
});
