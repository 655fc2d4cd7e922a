import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_TOKEN, client, startTestApi, type TestApi } from './testing/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ LOG_LEVEL: 'trace' });
});
afterAll(() => api.stop());

it('writes JSON log lines with a request id, and never an API key or the admin token', async () => {
  const { apiKey } = await api.createTenant();
  const call = client(api.url, apiKey);
  await call('POST', '/v2/customer-persons', {
    externalId: 'log-1',
    email: 'a@b.co',
    registrationIp: '1.2.3.4',
  });
  await call('GET', '/v2/customer-persons/1', undefined, { 'x-request-id': 'req-abcdef-123' });
  await client(api.url, 'wk_wrong-key-value')('GET', '/v2/customer-persons');
  const lines = api.logLines.map((l) => JSON.parse(l));
  const requests = lines.filter((l) => l.msg === 'request');
  expect(requests.length).toBeGreaterThanOrEqual(4);
  for (const line of requests) expect(line.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(requests.some((l) => l.requestId === 'req-abcdef-123')).toBe(true);
  const all = api.logLines.join('\n');
  expect(all).not.toContain(apiKey);
  expect(all).not.toContain(ADMIN_TOKEN);
  expect(all).not.toContain('wk_wrong-key-value');
});
