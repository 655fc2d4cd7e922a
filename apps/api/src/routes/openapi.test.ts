import { Validator } from '@seriousme/openapi-schema-validator';
import { buildOpenApiDocument, type OpenApiDocument } from '@wallet/contract';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

/** Every `METHOD /path` the app handles (middleware is method ALL), in OpenAPI's `{param}` style. */
function appOperations(app: Hono<never> | { routes: { method: string; path: string }[] }): string[] {
  const ops = app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
  return [...new Set(ops)].sort();
}

function documentOperations(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths ?? {})
    .flatMap(([path, item]) =>
      (['get', 'put', 'post', 'delete', 'patch'] as const)
        .filter((m) => item[m])
        .map((m) => `${m.toUpperCase()} ${path}`),
    )
    .sort();
}

const missingFrom = (doc: OpenApiDocument, ops: string[]) =>
  ops.filter((op) => !documentOperations(doc).includes(op));

describe('GET /openapi.json', () => {
  it('serves the contract, valid OpenAPI 3.1 by a maintained validator', async () => {
    const res = await fetch(`${api.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const served = (await res.json()) as OpenApiDocument;
    expect(served).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
    const validator = new Validator();
    const result = await validator.validate(served as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every route the app registers, and no route it lacks', async () => {
    const served = (await (await fetch(`${api.url}/openapi.json`)).json()) as OpenApiDocument;
    const registered = appOperations(api.app);
    expect(registered.length).toBeGreaterThan(20);
    expect(missingFrom(served, registered)).toEqual([]);
    expect(documentOperations(served).filter((op) => !registered.includes(op))).toEqual([]);
  });

  it('would catch a route that the document lacks', () => {
    const extra = new Hono();
    extra.get('/v2/customer-persons/:customerId/undocumented', (c) => c.text('x'));
    extra.use('/v2/*', async (_c, next) => next());
    expect(missingFrom(buildOpenApiDocument(), appOperations(extra))).toEqual([
      'GET /v2/customer-persons/{customerId}/undocumented',
    ]);
  });
});
