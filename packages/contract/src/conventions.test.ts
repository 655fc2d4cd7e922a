import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './document.js';

type Operation = {
  operationId: string;
  parameters?: { $ref?: string; name?: string; in?: string }[];
  responses: Record<
    string,
    { headers?: Record<string, unknown>; content?: Record<string, { schema?: { type?: string } }> }
  >;
};
const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ path, method, op })),
);

/** Seed 002's feed keeps its own `limit`/`offset`/`after` contract. */
const NOT_PAGED = ['listNotifications'];
/**
 * Creations without an Idempotency-Key: the operator's (no tenant; a tenant's name is its own key)
 * and the bank's callbacks (de-duplicated by webhook-id).
 */
const NOT_IDEMPOTENT = ['createTenant', 'createTenantApiKey', 'issuerCallback'];

describe('the conventions every operation keeps', () => {
  it('pages every list with the shared parameters and headers', () => {
    const lists = operations.filter(
      ({ method, op }) =>
        method === 'get' && op.responses['200']?.content?.['application/json']?.schema?.type === 'array',
    );
    expect(lists.length).toBeGreaterThanOrEqual(8);
    const unpaged = lists
      .filter(({ op }) => !NOT_PAGED.includes(op.operationId))
      .filter(({ op }) => {
        const refs = (op.parameters ?? []).map((p) => p.$ref);
        const headers = Object.keys(op.responses['200']?.headers ?? {});
        return (
          !refs.includes('#/components/parameters/PageLimit') ||
          !refs.includes('#/components/parameters/PageAfter') ||
          !headers.includes('Link') ||
          !headers.includes('X-Next-Cursor') ||
          !op.responses['400']
        );
      })
      .map(({ op }) => op.operationId);
    expect(unpaged).toEqual([]);
  });

  it('takes an Idempotency-Key on every POST that creates something (201, or 202 for a request)', () => {
    const creations = operations.filter(
      ({ method, op }) => method === 'post' && (op.responses['201'] || op.responses['202']),
    );
    const without = creations
      .filter(({ op }) => !NOT_IDEMPOTENT.includes(op.operationId))
      .filter(
        ({ op }) => !(op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
      )
      .map(({ op }) => op.operationId);
    expect(without).toEqual([]);
    for (const { op } of creations.filter(({ op }) => !NOT_IDEMPOTENT.includes(op.operationId))) {
      const ok = op.responses['201'] ?? op.responses['202'];
      if (op.operationId !== 'notifyCustomerChange')
        expect(Object.keys(ok?.headers ?? {}), op.operationId).toContain('Idempotent-Replayed');
      expect(op.responses['409'], op.operationId).toBeDefined();
    }
  });
});
