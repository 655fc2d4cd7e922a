import { createDb } from '@wallet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
let call: ReturnType<typeof client>;
let other: ReturnType<typeof client>;

const person = (externalId: string) => ({
  externalId,
  type: 'PERSON',
  email: 'john.smith@mail.com',
  mobile: '+12025550120',
  registrationIp: '198.51.100.42',
  registrationDate: '2024-07-29T15:51:28.071Z',
});

beforeAll(async () => {
  api = await startTestApi();
  call = client(api.url, (await api.createTenant()).apiKey);
  other = client(api.url, (await api.createTenant()).apiKey);
});
afterAll(() => api.stop());

describe('POST /v2/customer-persons', () => {
  it('creates a customer in the seed shape', async () => {
    const res = await call('POST', '/v2/customer-persons', person('af5c8b52-0afd-4799-85ab-fe659a076932'));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^\d{1,20}$/),
      ...person('af5c8b52-0afd-4799-85ab-fe659a076932'),
      restrictions: [],
      accounts: [],
    });
  });

  it('answers 409 for a duplicate externalId in the same tenant, and lets another tenant use it', async () => {
    await call('POST', '/v2/customer-persons', person('dup-1'));
    expect((await call('POST', '/v2/customer-persons', person('dup-1'))).status).toBe(409);
    expect((await other('POST', '/v2/customer-persons', person('dup-1'))).status).toBe(201);
  });

  it('rejects bad fields one error each, in the 5068 envelope', async () => {
    const res = await call('POST', '/v2/customer-persons', {
      externalId: '',
      email: 'x',
      registrationIp: '1.2.3',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('5068');
    expect(res.body.error.message).toBe('Field error(s)');
    expect(res.body.error.fieldErrors.map((f: { field: string }) => f.field).sort()).toEqual([
      'email',
      'externalId',
      'registrationIp',
    ]);
  });

  it('answers 400 for malformed JSON and 413 for a body over 1 MiB', async () => {
    const bad = await call('POST', '/v2/customer-persons', '{"externalId":');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('DW-MALFORMED-REQUEST');
    const huge = await call(
      'POST',
      '/v2/customer-persons',
      JSON.stringify({ externalId: 'x'.repeat(1024 * 1024 + 10) }),
    );
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('DW-PAYLOAD-TOO-LARGE');
  });

  it('answers 401 without a key or with a wrong one', async () => {
    expect((await client(api.url)('POST', '/v2/customer-persons', person('a'))).status).toBe(401);
    const wrong = await client(api.url, 'wk_nope')('GET', '/v2/customer-persons');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('DW-UNAUTHORIZED');
  });
});

describe('GET /v2/customer-persons', () => {
  it('finds by externalId, within the tenant only', async () => {
    const created = await call('POST', '/v2/customer-persons', person('find-me'));
    const found = await call('GET', '/v2/customer-persons?externalId=find-me');
    expect(found.status).toBe(200);
    expect(found.body.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    expect((await other('GET', '/v2/customer-persons?externalId=find-me')).body).toEqual([]);
  });

  it('shows one customer, 404 to another tenant, 400 for a bad id', async () => {
    const created = await call('POST', '/v2/customer-persons', person('show-me'));
    const shown = await call('GET', `/v2/customer-persons/${created.body.id}`);
    expect(shown.body).toEqual(created.body);
    const hidden = await other('GET', `/v2/customer-persons/${created.body.id}`);
    expect(hidden.status).toBe(404);
    const bad = await call('GET', '/v2/customer-persons/abc');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      error: {
        code: 'DW-CUSTOMER-ID-SHOULD-BE-VALID',
        message: 'CustomerId is not supported',
        details: ['CustomerId should be a valid value'],
      },
    });
  });
});

it('answers 404 in the envelope for an unknown route', async () => {
  const res = await call('GET', '/v2/nothing-here');
  expect(res.status).toBe(404);
  expect(res.body.error.code).toBe('DW-ROUTE-NOT-FOUND');
});

describe('ISO codes in any case', () => {
  it('stores a lower-case currency code upper-case, with its virtual account', async () => {
    const customer = await call('POST', '/v2/customer-persons', person('iso-codes-lower-case'));
    const res = await call('POST', `/v2/customer-persons/${customer.body.id}/accounts`, {
      currencyCode: 'eur',
      virtualAccountAssignment: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.currencyCode).toBe('EUR');
    expect(res.body.virtualAccountAssignmentStatus).toEqual([expect.objectContaining({ status: 'PENDING' })]);
  });

  it('stores a lower-case countryCode and stateCode of seed 003 upper-case; refuses unreal ones', async () => {
    const customer = await call('POST', '/v2/customer-persons', person('iso-codes-profile'));
    expect(customer.status).toBe(201);
    const patch = (billingAddress: object) =>
      call('PATCH', '/accounts/iso-codes-profile', {
        billingAddress: { addressLine1: '5th Avenue', city: 'New York', ...billingAddress },
        consumer: { firstName: 'Ada', lastName: 'Lovelace', culture: 'en-us' },
      });
    expect((await patch({ countryCode: 'usa', stateCode: 'ny' })).status).toBe(200);
    const handle = createDb({ connectionString: api.database.connectionString, max: 1 });
    const row = await handle.db
      .selectFrom('customers')
      .select('profile')
      .where('external_id', '=', 'iso-codes-profile')
      .executeTakeFirstOrThrow();
    await handle.destroy();
    expect((row.profile as { billingAddress: object }).billingAddress).toMatchObject({
      countryCode: 'USA',
      stateCode: 'NY',
    });
    const bad = await patch({ countryCode: 'USA', stateCode: 'ZZ' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      {
        message: 'must be an ISO 3166-2 subdivision code of USA, e.g. NY',
        code: 'invalid_value',
        property: 'billingAddress.stateCode',
      },
    ]);
  });
});
