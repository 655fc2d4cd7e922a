import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
let call: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
let n = 0;

beforeAll(async () => {
  api = await startTestApi();
  call = client(api.url, (await api.createTenant()).apiKey);
  other = client(api.url, (await api.createTenant()).apiKey);
});
afterAll(() => api.stop());

async function customer() {
  const res = await call('POST', '/v2/customer-persons', {
    externalId: `patch-${++n}`,
    email: 'old@example.com',
    mobile: '+12025550120',
    registrationIp: '198.51.100.42',
  });
  return res.body.id as string;
}

describe('PATCH /v2/customer-persons/{customerId}', () => {
  it('updates email and mobile, and null removes the mobile', async () => {
    const id = await customer();
    const res = await call('PATCH', `/v2/customer-persons/${id}`, { email: 'new@example.com' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, email: 'new@example.com', mobile: '+12025550120', accounts: [] });
    const removed = await call('PATCH', `/v2/customer-persons/${id}`, { mobile: null });
    expect(removed.body.mobile).toBeUndefined();
    expect((await call('GET', `/v2/customer-persons/${id}`)).body).toEqual(removed.body);
  });

  it("enforces seed 004's limits: email <= 150, mobile <= 50", async () => {
    const id = await customer();
    const email = `${'a'.repeat(139)}@example.com`; // 151 characters
    const res = await call('PATCH', `/v2/customer-persons/${id}`, { email, mobile: '1'.repeat(51) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('5068');
    expect(res.body.error.fieldErrors.map((f: { field: string }) => f.field).sort()).toEqual([
      'email',
      'mobile',
    ]);
    const ok = await call('PATCH', `/v2/customer-persons/${id}`, {
      email: `${'a'.repeat(138)}@example.com`,
      mobile: '1'.repeat(50),
    });
    expect(ok.status).toBe(200);
  });

  it('refuses an empty body, unknown fields, a null email and other tenants', async () => {
    const id = await customer();
    expect((await call('PATCH', `/v2/customer-persons/${id}`, {})).status).toBe(400);
    expect((await call('PATCH', `/v2/customer-persons/${id}`, { externalId: 'x' })).status).toBe(400);
    expect((await call('PATCH', `/v2/customer-persons/${id}`, { email: null })).status).toBe(400);
    expect((await call('PATCH', `/v2/customer-persons/${id}`, { email: 'not-an-email' })).status).toBe(400);
    expect((await other('PATCH', `/v2/customer-persons/${id}`, { email: 'x@y.co' })).status).toBe(404);
    expect((await call('GET', `/v2/customer-persons/${id}`)).body.email).toBe('old@example.com');
  });
});
