import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './document.js';

// ajv-formats is CommonJS: its default export arrives as the module or as its `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

type Media = { schema?: unknown; example?: unknown; examples?: Record<string, { value: unknown }> };
type Operation = {
  operationId?: string;
  description?: string;
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
};

const doc = buildOpenApiDocument() as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, unknown>;
};
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every object that lists its properties takes no others: an example with a stray member fails. */
function strict(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strict);
  if (!value || typeof value !== 'object') return value;
  const copy = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strict(v)]));
  if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

const components = strict(doc.components);
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

/** Every media type of every request body and response, with where it is. */
const media = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.flatMap((method) => {
    const op = item[method];
    if (!op) return [];
    const where = `${method.toUpperCase()} ${path}`;
    const bodies = Object.entries(op.requestBody?.content ?? {}).map(([type, m]) => ({
      where: `${where} request ${type}`,
      media: m,
    }));
    const answers = Object.entries(op.responses).flatMap(([status, response]) =>
      Object.entries(response.content ?? {}).map(([type, m]) => ({
        where: `${where} ${status} ${type}`,
        media: m,
      })),
    );
    return [...bodies, ...answers];
  }),
);

const examplesOf = (m: Media) => [
  ...(m.example === undefined ? [] : [m.example]),
  ...Object.values(m.examples ?? {}).map((e) => e.value),
];

describe('examples of the OpenAPI document', () => {
  it('has a request example on every body and a response example on every answer with content', () => {
    expect(media.length).toBeGreaterThan(150);
    expect(media.filter((m) => examplesOf(m.media).length === 0).map((m) => m.where)).toEqual([]);
  });

  it('has examples that validate against their own schemas (ajv, JSON Schema 2020-12, no extra members)', () => {
    const failures = media.flatMap(({ where, media: m }) => {
      const validate = ajv.compile({ ...(strict(m.schema) as object), components });
      return examplesOf(m).flatMap((example) =>
        validate(example) ? [] : [`${where}: ${ajv.errorsText(validate.errors)}`],
      );
    });
    expect(failures).toEqual([]);
  });

  it('catches an example that does not fit (the check can fail)', () => {
    const customer = ajv.compile({ $ref: '#/components/schemas/Customer', components });
    expect(customer({ id: '10000001' })).toBe(false);
    expect(
      customer({
        ...(doc.paths['/v2/customer-persons']?.post?.responses['201']?.content?.['application/json']
          ?.example as object),
        stray: 1,
      }),
    ).toBe(false);
  });
});
