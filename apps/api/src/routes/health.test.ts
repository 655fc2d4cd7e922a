import { afterAll, beforeAll, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

it('healthz and readyz answer 200 while the database is up', async () => {
  expect((await client(api.url)('GET', '/healthz')).status).toBe(200);
  expect((await client(api.url)('GET', '/readyz')).body).toEqual({ status: 'ready' });
});

it('answers 503 DW-SERVICE-UNAVAILABLE without a stack during an outage, and recovers without a restart', async () => {
  const { apiKey } = await api.createTenant();
  const call = client(api.url, apiKey);
  await api.databaseProxy.cut();
  try {
    expect((await client(api.url)('GET', '/healthz')).status).toBe(200);
    expect((await client(api.url)('GET', '/readyz')).status).toBe(503);
    const res = await call('GET', '/v2/customer-persons');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.body).toEqual({
      error: {
        code: 'DW-SERVICE-UNAVAILABLE',
        message: 'Service Unavailable',
        details: ['Service Unavailable'],
      },
    });
    expect(res.text).not.toMatch(/at .*\.js|stack/i);
  } finally {
    await api.databaseProxy.restore();
  }
  expect((await call('GET', '/v2/customer-persons')).status).toBe(200);
});
