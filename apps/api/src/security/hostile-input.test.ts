// Inputs that once answered 500: a body nested thousands of levels deep, a lone UTF-16 surrogate in a
// string, and a forged feed cursor naming an id past bigint. Each is a 400 in its route's envelope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../json-inspection.js';
import { client, startTestApi, type TestApi } from '../testing/harness.js';
import { hasFamilyEnvelope } from './envelopes.js';

let api: TestApi;
let call: ReturnType<typeof client>;
let tenantName: string;
let customerId: string;
const externalId = 'hostile-customer';

/** Every partner route that reads a body, with real ids in its path. */
function bodyRoutes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  return api.app.routes
    .filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && /^\/(v1|v2|accounts)\//.test(r.path))
    .map((r) => ({
      method: r.method,
      path: r.path
        .replace(':tenantName', tenantName)
        .replace(':customerId', customerId)
        .replace(':userId', customerId)
        .replace(':customerAccountId', externalId)
        .replace(/:[A-Za-z]+/g, '1'),
    }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`) !== undefined);
}

beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
  const tenant = await api.createTenant();
  tenantName = tenant.name;
  call = client(api.url, tenant.apiKey);
  const created = await call('POST', '/v2/customer-persons', {
    externalId,
    email: 'a@b.co',
    registrationIp: '1.2.3.4',
  });
  customerId = created.body.id;
});
afterAll(() => api.stop());

const refusals = (path: string): number[] =>
  path.startsWith('/v2/issuer-callbacks/') ? [400, 401] : [400, 404];

describe('hostile bodies on every body route', () => {
  it('covers the body routes', () => {
    expect(bodyRoutes().length).toBeGreaterThanOrEqual(6);
  });

  it('a body nested 4,000 levels deep is 400, in its envelope', async () => {
    const created = await call(
      'POST',
      '/v2/customer-persons',
      `{"a":${'['.repeat(4000)}${']'.repeat(4000)}}`,
    );
    expect(created.status).toBe(400);
    expect(created.body.error.code).toBe('DW-MALFORMED-REQUEST');
    const deep = `{"a":${'['.repeat(4000)}${']'.repeat(4000)}}`;
    for (const { method, path } of bodyRoutes()) {
      const res = await call(method, path, deep);
      // 400 where the route reads a body; a route that reads none (reactivate) may answer 404 first,
      // and one authenticated by a signature over the body (issuer callbacks) 401 first.
      expect(refusals(path), `${method} ${path}: ${res.text.slice(0, 200)}`).toContain(res.status);
      expect(hasFamilyEnvelope(path, res.body), `${method} ${path}`).toBe(true);
    }
  });

  it(`nesting up to ${MAX_JSON_DEPTH} levels is read; one more is refused`, async () => {
    const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const path = '/v2/customer-persons';
    // Within the limit the body reaches the schema, which names the unknown field.
    const within = await call('POST', path, nested(MAX_JSON_DEPTH));
    expect(within.status).toBe(400);
    expect(within.body.error.code).not.toBe('DW-MALFORMED-REQUEST');
    const beyond = await call('POST', path, nested(MAX_JSON_DEPTH + 1));
    expect(beyond.status).toBe(400);
    expect(beyond.body.error.code).toBe('DW-MALFORMED-REQUEST');
  });

  it('a lone surrogate in a string value or key is 400, in its envelope', async () => {
    for (const { method, path } of bodyRoutes()) {
      for (const body of ['{"externalId":"\\ud800","name":"x\\udfff","state":"\\ud800"}', '{"\\ud800":1}']) {
        const res = await call(method, path, body);
        expect(refusals(path), `${method} ${path} ${body}: ${res.text.slice(0, 200)}`).toContain(res.status);
        expect(hasFamilyEnvelope(path, res.body), `${method} ${path}`).toBe(true);
      }
    }
  });

  it('PATCH /accounts with a lone surrogate in a profile field is 400, with the field named', async () => {
    const res = await call('PATCH', `/accounts/${externalId}`, {
      billingAddress: { addressLine1: 'Main Street', city: 'Berlin', countryCode: 'DEU' },
      consumer: { firstName: '\ud800', lastName: 'Quintus' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ property: 'consumer.firstName' })]);
  });

  it('two ids that differ only in a lone surrogate are refused, not stored as the same replaced text', async () => {
    for (const id of ['dup-\\ud800', 'dup-\\udbff']) {
      const res = await call(
        'POST',
        '/v2/customer-persons',
        `{"externalId":"${id}","email":"a@b.co","registrationIp":"1.2.3.4"}`,
      );
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.fieldErrors ?? res.body.error.details).toBeDefined();
    }
  });

  it('a paired surrogate (an emoji) is an ordinary character', async () => {
    const res = await call('POST', '/v2/customer-persons', {
      externalId: 'emoji-😀',
      email: 'a@b.co',
      registrationIp: '1.2.3.4',
    });
    expect(res.status).toBe(201);
  });
});

describe('forged cursors', () => {
  it('a cursor naming a 19-digit id past bigint is 400 on the feed', async () => {
    const forged = Buffer.from('n1:createdAt:desc:1700000000000:9999999999999999999').toString('base64url');
    const res = await call('GET', `/v1/${tenantName}/accounts/${customerId}/notifications?after=${forged}`);
    expect(res.status, res.text).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ error_code: 'validation_error', name: 'after' });
  });

  it('the largest bigint is still a cursor', async () => {
    const edge = Buffer.from('n1:createdAt:desc:1700000000000:9223372036854775807').toString('base64url');
    const res = await call('GET', `/v1/${tenantName}/accounts/${customerId}/notifications?after=${edge}`);
    expect(res.status, res.text).toBe(200);
  });
});
