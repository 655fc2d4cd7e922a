import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

// One rule for the whole API: a body is read only when declared JSON; none or another type is 415.
let api: TestApi;
let call: ReturnType<typeof client>;
let apiKey: string;
let tenantName: string;
let customerId: string;
const externalId = 'media-type-customer';

beforeAll(async () => {
  api = await startTestApi();
  ({ apiKey, name: tenantName } = await api.createTenant());
  call = client(api.url, apiKey);
  const res = await call('POST', '/v2/customer-persons', {
    externalId,
    email: 'a@b.co',
    registrationIp: '198.51.100.1',
  });
  customerId = res.body.id;
});
afterAll(() => api.stop());

/** A JSON body sent as bytes, so that fetch adds no Content-Type of its own. */
async function withoutContentType(method: string, path: string, body: object) {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}` },
    body: new TextEncoder().encode(JSON.stringify(body)),
  });
  return { status: res.status, text: await res.text() };
}

describe('a JSON body without Content-Type', () => {
  it('is 415 on /v2, /v1 and /accounts alike, each in its envelope', async () => {
    const v2 = await withoutContentType('POST', `/v2/customer-persons/${customerId}/accounts`, {
      currencyCode: 'EUR',
    });
    expect(v2.status).toBe(415);
    expect(JSON.parse(v2.text).error.code).toBe('DW-UNSUPPORTED-MEDIA-TYPE');

    const v1 = await withoutContentType('POST', `/v1/${tenantName}/accounts/${customerId}/notifications`, {
      messageType: 'user_needs_kyc',
      type: 'INFORMATION',
    });
    expect(v1.status).toBe(415);
    expect(JSON.parse(v1.text)).toEqual({
      errors: [{ error_code: 'status_bad_request', message: 'Content-Type must be application/json' }],
    });

    const accounts = await withoutContentType('PATCH', `/accounts/${externalId}`, {
      billingAddress: { addressLine1: 'Main Street', city: 'Berlin', countryCode: 'DEU' },
      consumer: { firstName: 'Ada', lastName: 'Lovelace' },
    });
    expect(accounts.status).toBe(415);
    // Seed 003's member order, byte for byte.
    expect(accounts.text).toMatch(
      /^\{"traceId":"[^"]+","errors":\[\{"message":"Content-Type must be application\/json","code":"unsupported_media_type"\}\]\}$/,
    );
  });

  it('is read when declared JSON, also as a +json type', async () => {
    const res = await call(
      'POST',
      `/v2/customer-persons/${customerId}/accounts`,
      { currencyCode: 'EUR' },
      { 'content-type': 'application/vnd.wallet+json; charset=utf-8' },
    );
    expect(res.status).toBe(201);
  });
});

describe("seed 003's member order on every /accounts error", () => {
  it('writes message before code in fixed errors, and message, code, property, context in field errors', async () => {
    const anonymous = await client(api.url)('PATCH', `/accounts/${externalId}`, {});
    expect(anonymous.text).toMatch(
      /^\{"traceId":"[^"]+","errors":\[\{"message":"You are not authenticated[^"]*","code":"unauthorized"\}\]\}$/,
    );
    const missing = await call('PATCH', '/accounts/nobody-has-this-id', {
      billingAddress: { addressLine1: 'Main Street', city: 'Berlin', countryCode: 'DEU' },
      consumer: { firstName: 'Ada', lastName: 'Lovelace' },
    });
    expect(missing.text).toMatch(/"errors":\[\{"message":"Resource not found.","code":"not_found"\}\]/);
    const long = await call('PATCH', `/accounts/${externalId}`, {
      billingAddress: { addressLine1: 'Main Street', city: 'x'.repeat(51), countryCode: 'DEU' },
      consumer: { firstName: 'Ada', lastName: 'Lovelace' },
    });
    expect(long.text).toContain(
      '{"message":"Value out of bounds. Value must be between 1 and 50","code":"value_out_of_bounds","property":"billingAddress.city","context":{"minimum":1,"maximum":50}}',
    );
  });
});
