import { buildOpenApiDocument } from '@wallet/contract';
import { parseUpdateAccountBody } from '@wallet/validation';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecker, contractChecker } from './contract-check.js';
import { client, startTestApi, type TestApi } from './harness.js';

let api: TestApi;
let call: ReturnType<typeof client>;
beforeAll(async () => {
  api = await startTestApi();
  call = client(api.url, (await api.createTenant()).apiKey);
});
afterAll(() => api.stop());

const customer = {
  id: '10000000',
  externalId: 'a',
  type: 'PERSON',
  email: 'a@b.co',
  registrationIp: '198.51.100.1',
  restrictions: [],
  accounts: [],
};

describe('the strict contract check of responses', () => {
  const checker = new ContractChecker();
  const check = (body: unknown, status = 201, path = '/v2/customer-persons', method = 'POST') =>
    checker.check(method, path, status, 'application/json', JSON.stringify(body));

  it('accepts what the document promises', () => {
    expect(check(customer)).toEqual([]);
    expect(check({ error: { code: 'DW-CONFLICT', message: 'Conflict', details: ['x'] } }, 409)).toEqual([]);
  });

  it('refuses an extra property, a wrong type, a bad format, an undocumented status', () => {
    expect(check({ ...customer, extra: 1 })).toEqual([
      expect.stringContaining('must NOT have additional properties'),
    ]);
    expect(check({ ...customer, accounts: {} })).toEqual([
      expect.stringContaining('/accounts must be array'),
    ]);
    expect(check({ ...customer, registrationIp: '::1' })).toEqual([
      expect.stringContaining('must match format "ipv4"'),
    ]);
    expect(check(customer, 418)).toEqual([expect.stringContaining('status 418 is not documented')]);
    expect(check({ errors: [] }, 404, '/v2/no-such-route', 'GET')).not.toEqual([]);
    expect(checker.check('DELETE', '/v2/black-list-entries/x', 204, null, 'body')).toEqual([
      expect.stringContaining('documented without a body'),
    ]);
  });

  it('sees the responses the suites fetch, and would fail a test on a drift', async () => {
    const before = contractChecker().checked;
    const res = await call('POST', '/v2/customer-persons', {
      externalId: 'x',
      email: 'a@b.co',
      registrationIp: '198.51.100.1',
    });
    expect(res.status).toBe(201);
    expect((await call('GET', `/v2/customer-persons/${res.body.id}`)).status).toBe(200);
    expect(contractChecker().checked).toBe(before + 2);
  });
});

describe("UpdateAccountRequest's cross-field rules", () => {
  it('agree with the server on one party and on the USA/CAN stateCode', () => {
    const doc = buildOpenApiDocument();
    const ajv = new Ajv2020({ strict: false });
    const schema = { $ref: '#/components/schemas/UpdateAccountRequest', components: doc.components };
    const validate = ajv.compile(schema);
    const serverAccepts = (body: unknown) => {
      try {
        parseUpdateAccountBody(body);
        return true;
      } catch {
        return false;
      }
    };
    const address = { addressLine1: 'Main Street', city: 'Boston' };
    const person = { firstName: 'Ada', lastName: 'Lovelace' };
    const bodies = [
      { billingAddress: { ...address, countryCode: 'DEU' }, consumer: person },
      { billingAddress: { ...address, countryCode: 'DEU' }, businessConsumer: { companyName: 'A' } },
      { billingAddress: { ...address, countryCode: 'DEU' } },
      {
        billingAddress: { ...address, countryCode: 'DEU' },
        consumer: person,
        businessConsumer: { companyName: 'A' },
      },
      { billingAddress: { ...address, countryCode: 'USA', stateCode: 'MA' }, consumer: person },
      { billingAddress: { ...address, countryCode: 'usa', stateCode: 'ma' }, consumer: person },
      { billingAddress: { ...address, countryCode: 'USA' }, consumer: person },
      { billingAddress: { ...address, countryCode: 'USA', stateCode: 'ZZ' }, consumer: person },
      { billingAddress: { ...address, countryCode: 'CAN', stateCode: 'ON' }, consumer: person },
      { billingAddress: { ...address, countryCode: 'CAN', stateCode: 'MA' }, consumer: person },
    ];
    expect(bodies.map((b) => validate(b))).toEqual(bodies.map(serverAccepts));
    expect(bodies.map(serverAccepts)).toEqual([
      true,
      true,
      false,
      false,
      true,
      true,
      false,
      false,
      true,
      false,
    ]);
  });
});
