import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';
import { hasFamilyEnvelope } from './envelopes.js';
import { encodePathSegment, hostileBody, hostilePathParam, hostileQuery } from './hostile-generators.js';

let api: TestApi;
let apiKey: string;
let tenantName: string;
let customerId: string;
let externalId: string;

/** Every partner route the app has, with its parameters filled by real ids or by fuzzed text. */
function partnerRoutes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  return api.app.routes
    .filter((r) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))
    .filter((r) => /^\/(v1|v2|accounts)\//.test(r.path))
    .filter((r) => {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((r) => ({ method: r.method, path: r.path }));
}

function fill(path: string, fuzz: string): string {
  return path
    .replace(':tenantName', tenantName)
    .replace(':customerId', customerId)
    .replace(':userId', customerId)
    .replace(':customerAccountId', externalId)
    .replace(/:[A-Za-z]+/g, encodePathSegment(fuzz));
}

const nasty = fc.oneof(
  fc.json({ depthSize: 'medium' }),
  fc.anything({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc
    .string({ unit: 'binary', maxLength: 200 })
    .map((s) => JSON.stringify({ name: s, externalId: s, state: s })),
  fc.integer({ min: 1, max: 40 }).map((d) => `${'['.repeat(d * 50)}${']'.repeat(d * 50)}`),
  // Deep nesting, lone surrogates, huge and negative integers, floats, duplicate keys.
  hostileBody,
  fc.constantFrom(
    '{"externalId":"\\u0000","email":"a@b.co","registrationIp":"1.2.3.4"}',
    '{"changeType":"PASSWORD_CHANGED","changeTime":"2024-02-30T00:00:00Z"}',
    `{"name":"${'x'.repeat(100_000)}"}`,
    '{"a":',
    '',
    'null',
    '[]',
    '"string"',
    '{"__proto__":{"polluted":true}}',
    '{"state":"SEEN","extra":1}',
  ),
);

beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
  const tenant = await api.createTenant();
  apiKey = tenant.apiKey;
  tenantName = tenant.name;
  externalId = 'fuzz-customer';
  const created = await client(api.url, apiKey)('POST', '/v2/customer-persons', {
    externalId,
    email: 'a@b.co',
    registrationIp: '1.2.3.4',
  });
  customerId = created.body.id;
});
afterAll(() => api.stop());

describe('property: no input yields a 500, and every 4xx is in its route family envelope', () => {
  it('covers a sensible number of partner routes', () => {
    expect(partnerRoutes().length).toBeGreaterThanOrEqual(8);
  });

  it('survives fuzzed bodies and path parameters on every partner route', async () => {
    const call = client(api.url, apiKey);
    for (const route of partnerRoutes()) {
      await fc.assert(
        fc.asyncProperty(nasty, hostilePathParam, async (body, fuzz) => {
          const path = fill(route.path, fuzz);
          const res = await call(
            route.method,
            path,
            route.method === 'GET' || route.method === 'DELETE' ? undefined : body,
          );
          if (res.status >= 500)
            throw new Error(`${route.method} ${path} answered ${res.status}: ${res.text}`);
          if (res.status >= 400 && !hasFamilyEnvelope(path, res.body)) {
            throw new Error(
              `${route.method} ${path} answered ${res.status} outside its envelope: ${res.text.slice(0, 300)}`,
            );
          }
          expect(res.text).not.toMatch(/\n\s+at .+\.(js|ts):\d+/);
        }),
        { numRuns: 25, seed: 20261123 },
      );
    }
  });

  it('survives fuzzed query strings on every GET route', async () => {
    const call = client(api.url, apiKey);
    for (const route of partnerRoutes().filter((r) => r.method === 'GET')) {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 60 }), {
              maxKeys: 4,
            }),
            // The routes' own parameters with forged cursors, huge integers and floats.
            hostileQuery.map((q) => Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)]))),
          ),
          async (query) => {
            const path = `${fill(route.path, 'x')}?${new URLSearchParams(query).toString()}`;
            const res = await call('GET', path);
            if (res.status >= 500) throw new Error(`GET ${path} answered ${res.status}: ${res.text}`);
            if (res.status >= 400 && !hasFamilyEnvelope(path, res.body))
              throw new Error(`GET ${path}: ${res.text.slice(0, 300)}`);
          },
        ),
        { numRuns: 25, seed: 20261123 },
      );
    }
  });

  it('rejects invalid UTF-8 and NUL bytes in raw bodies cleanly', async () => {
    for (const route of partnerRoutes().filter((r) => r.method !== 'GET' && r.method !== 'DELETE')) {
      const path = fill(route.path, 'x');
      for (const raw of [
        Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        Buffer.from('{"a":"\u0000"}'),
      ]) {
        const res = await fetch(`${api.url}${path}`, {
          method: route.method,
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: raw,
        });
        expect(res.status, `${route.method} ${path}`).toBeLessThan(500);
        expect(hasFamilyEnvelope(path, await res.json()), `${route.method} ${path}`).toBe(res.status >= 400);
      }
    }
  });

  it('answers 401 on every partner route without a key, in its envelope', async () => {
    const anonymous = client(api.url);
    for (const route of partnerRoutes()) {
      const path = fill(route.path, 'x');
      const res = await anonymous(route.method, path, route.method === 'GET' ? undefined : {});
      expect(res.status, `${route.method} ${path}`).toBe(401);
      expect(hasFamilyEnvelope(path, res.body), `${route.method} ${path}`).toBe(true);
    }
  });
});
