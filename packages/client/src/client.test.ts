import { ADMIN_TOKEN, startTestApi, type TestApi } from '@wallet/api/src/testing/harness.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWalletClient } from './index.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
}, 60_000);
afterAll(async () => {
  await api.stop();
});

describe('createWalletClient against the real API', () => {
  it('creates a tenant, a customer, an account and a restriction, typed end to end', async () => {
    const admin = createWalletClient({ baseUrl: `${api.url}/`, apiKey: ADMIN_TOKEN });
    const tenant = await admin.POST('/admin/tenants', { body: { name: 'client-e2e' } });
    expect(tenant.response.status).toBe(201);
    expect(tenant.data?.name).toBe('client-e2e');
    const apiKey = tenant.data?.apiKey ?? '';
    expect(apiKey).toMatch(/^wk_/);

    const wallet = createWalletClient({ baseUrl: api.url, apiKey });
    const customer = await wallet.POST('/v2/customer-persons', {
      body: { externalId: 'ext-1', email: 'ada@example.com', registrationIp: '198.51.100.4' },
    });
    expect(customer.response.status).toBe(201);
    const customerId = customer.data?.id ?? '';
    expect(customerId).toMatch(/^\d+$/);

    const account = await wallet.POST('/v2/customer-persons/{customerId}/accounts', {
      params: { path: { customerId } },
      body: { currencyCode: 'EUR', externalId: 'acc-1' },
    });
    expect(account.response.status).toBe(201);
    expect(account.data).toMatchObject({
      customerId,
      currencyCode: 'EUR',
      status: 'ACTIVE',
      totalBalance: 0,
    });

    const restriction = await wallet.POST('/v2/customer-persons/{customerId}/restrictions', {
      params: { path: { customerId } },
      body: { name: 'ALL_TRANSACTIONS', reason: 'COMPLIANCE', requiredActions: ['CONTACT_CUSTOMER_SERVICE'] },
    });
    expect(restriction.response.status).toBe(201);
    expect(restriction.data?.name).toBe('ALL_TRANSACTIONS');

    const shown = await wallet.GET('/v2/customer-persons/{customerId}', { params: { path: { customerId } } });
    expect(shown.data?.restrictions.map((r) => r.id)).toEqual([restriction.data?.id]);
    expect(shown.data?.accounts.map((a) => a.status)).toEqual(['BLOCKED']);
  });

  it('hands back the error envelope of the path family', async () => {
    const anonymous = createWalletClient({ baseUrl: api.url, apiKey: 'wk_wrong' });
    const v2 = await anonymous.GET('/v2/customer-persons/{customerId}', {
      params: { path: { customerId: '10000000' } },
    });
    expect(v2.response.status).toBe(401);
    expect(v2.error?.error.code).toBe('DW-UNAUTHORIZED');
    const accounts = await anonymous.PATCH('/accounts/{customerAccountId}', {
      params: { path: { customerAccountId: 'ext-1' } },
      body: { billingAddress: { addressLine1: 'Main Street', city: 'Berlin', countryCode: 'DEU' } },
    });
    expect(accounts.response.status).toBe(401);
    expect(accounts.error?.errors[0]?.code).toBe('unauthorized');
  });
});
