import { afterAll, beforeAll, expect, it } from 'vitest';
import { getFrom } from '../testing/from-address.js';
import { ADMIN_TOKEN, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ AUTH_FAILURES_PER_MINUTE: '3', ADMIN_RATE_LIMIT_PER_MINUTE: '4' });
});
afterAll(() => api.stop());

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const junkKey = (prefix: string, n: number) => `${prefix}${String(n).padStart(35, 'x')}`;

it('refuses an address with 429 once it failed to authenticate 3 times; other addresses are unaffected', async () => {
  const { apiKey } = await api.createTenant();
  const url = `${api.url}/v2/customer-persons`;
  // A valid key resolved (and cached) before the failures keeps working from that address.
  expect((await getFrom('127.0.0.2', url, bearer(apiKey))).status).toBe(200);
  for (let i = 0; i < 3; i++) {
    const failed = await getFrom('127.0.0.2', url, bearer(`not-a-key-${i}`));
    expect(failed.status).toBe(401);
  }
  expect((await getFrom('127.0.0.2', url)).status).toBe(429);
  const limited = await getFrom('127.0.0.2', url, bearer('not-a-key-again'));
  expect(limited.status).toBe(429);
  expect(JSON.parse(limited.body).error.code).toBe('DW-TOO-MANY-REQUESTS');
  expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
  expect(limited.headers['ratelimit-policy']).toBe('"auth-failures-address";q=3;w=60');
  expect(limited.headers.ratelimit).toMatch(/^"auth-failures-address";r=0;t=\d+$/);
  expect((await getFrom('127.0.0.2', url, bearer(apiKey))).status).toBe(200);
  // Another address still gets its verdict.
  expect((await getFrom('127.0.0.3', url, bearer('not-a-key'))).status).toBe(401);
  expect((await getFrom('127.0.0.3', url, bearer(apiKey))).status).toBe(200);
});

it('refuses a key prefix with 429 once keys of that prefix failed 3 times, from any addresses', async () => {
  const url = `${api.url}/v2/customer-persons`;
  const prefix = 'wk_Guessing';
  for (let i = 0; i < 3; i++)
    expect((await getFrom(`127.0.1.${i + 1}`, url, bearer(junkKey(prefix, i)))).status).toBe(401);
  const limited = await getFrom('127.0.1.9', url, bearer(junkKey(prefix, 9)));
  expect(limited.status).toBe(429);
  expect(limited.headers['ratelimit-policy']).toBe('"auth-failures-prefix";q=3;w=60');
  // The same address with another prefix is judged on its key.
  expect((await getFrom('127.0.1.9', url, bearer(junkKey('wk_Otherone', 1)))).status).toBe(401);
});

it('rate-limits /admin per address, before the token is compared', async () => {
  const url = `${api.url}/admin/tenants`;
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await getFrom('127.0.2.1', url, bearer(ADMIN_TOKEN)));
  // The fifth, even with a wrong token, is refused for the rate.
  answers.push(await getFrom('127.0.2.1', url, bearer('wrong-admin-token')));
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 429]);
  expect(answers[0]?.headers['ratelimit-policy']).toBe('"admin";q=4;w=60');
  expect(answers[0]?.headers.ratelimit).toMatch(/^"admin";r=3;t=\d+$/);
  expect(JSON.parse(answers[4]?.body ?? '{}').error.code).toBe('DW-TOO-MANY-REQUESTS');
  expect((await getFrom('127.0.2.2', url, bearer(ADMIN_TOKEN))).status).toBe(200);
});
