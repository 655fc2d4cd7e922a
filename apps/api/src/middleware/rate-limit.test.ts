import { afterAll, beforeAll, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '5' });
});
afterAll(() => api.stop());

it('answers 429 with Retry-After once a key spends its budget, per key and in each envelope', async () => {
  const first = client(api.url, (await api.createTenant()).apiKey);
  const second = client(api.url, (await api.createTenant()).apiKey);
  for (let i = 0; i < 5; i++) expect((await first('GET', '/v2/customer-persons')).status).toBe(200);
  const limited = await first('GET', '/v2/customer-persons');
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  expect(limited.body.error.code).toBe('DW-TOO-MANY-REQUESTS');
  const accounts = await first('PATCH', '/accounts/x', {});
  expect(accounts.status).toBe(429);
  expect(accounts.body.traceId).toBeDefined();
  // Another key has its own budget.
  expect((await second('GET', '/v2/customer-persons')).status).toBe(200);
});
