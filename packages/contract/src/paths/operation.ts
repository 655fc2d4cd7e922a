import type {
  OpenAPIRegistry,
  ResponseConfig,
  RouteConfig,
  ZodContentObject,
} from '@asteasolutions/zod-to-openapi';
import { familyOf } from '@wallet/errors';
import {
  idempotencyKeyHeader,
  PAGE_CURSOR_DESCRIPTION,
  PAGE_DEFAULT_LIMIT,
  PAGE_MAX_LIMIT,
} from '@wallet/validation';
import { type ZodType, z } from 'zod';
import { errorResponses } from '../envelopes.js';
import { OPERATION_EXAMPLES } from '../examples.js';

/** Who may call an operation: a tenant's API key, the admin token, a partner bank's signature, or anyone. */
type Access = 'partner' | 'admin' | 'issuer' | 'public';

export interface Operation extends Omit<RouteConfig, 'responses' | 'security'> {
  access: Access;
  /** Error statuses the handler itself answers; those of the access (401, 429, 5xx) are added. */
  errors?: readonly number[];
  responses: RouteConfig['responses'];
  /** Takes an `Idempotency-Key` header: adds the header, 409 and the `Idempotent-Replayed` answer header. */
  idempotent?: boolean | 'secret-shown-once';
  /**
   * A list in the API's paging convention: the shared `limit` and `after` parameters (in place of the
   * query schema's own), 400, and the `Link` and `X-Next-Cursor` headers of its 200.
   */
  paged?: boolean;
}

const PAGING = `Paged like every list: \`limit\` rows (1 to ${PAGE_MAX_LIMIT}, default ${PAGE_DEFAULT_LIMIT}) after the cursor \`after\`, in a fixed order. While more rows follow, the answer carries \`X-Next-Cursor\` and \`Link: <…&after=…>; rel="next"\` (the same query with that cursor); the last page carries neither. A bad \`limit\` or a cursor this list did not give is 400. Pages are a keyset: rows created while a client pages appear once, in their place, never twice.`;

/** The shared parameters and headers of the paging and idempotency conventions, as components. */
export function registerPagingComponents(registry: OpenAPIRegistry): void {
  registry.registerComponent('parameters', 'PageLimit', {
    name: 'limit',
    in: 'query',
    required: false,
    description: `Rows in the page: 1 to ${PAGE_MAX_LIMIT}, default ${PAGE_DEFAULT_LIMIT}`,
    schema: { type: 'integer', minimum: 1, maximum: PAGE_MAX_LIMIT, default: PAGE_DEFAULT_LIMIT },
    example: 50,
  });
  registry.registerComponent('parameters', 'PageAfter', {
    name: 'after',
    in: 'query',
    required: false,
    description: `${PAGE_CURSOR_DESCRIPTION}. Opaque: base64url of the last row's sort key; do not build one.`,
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,512}$' },
    example: 'WyJjdXN0b21lcnMiLCIxMDAwMDA0OSJd',
  });
  registry.registerComponent('headers', 'NextPageLink', {
    description:
      'RFC 8288 link to the next page, `<path?…&after=<cursor>>; rel="next"`; absent on the last page',
    schema: { type: 'string' },
    example: '</v2/customer-persons?limit=50&after=WyJjdXN0b21lcnMiLCIxMDAwMDA0OSJd>; rel="next"',
  });
  registry.registerComponent('headers', 'IdempotentReplayed', {
    description:
      '`true` on an answer replayed for a repeated `Idempotency-Key` (a stored 4xx is replayed with it too); absent on the first answer',
    schema: { type: 'string', enum: ['true'] },
    example: 'true',
  });
  registry.registerComponent('headers', 'NextPageCursor', {
    description: 'The cursor of the next page (pass it as `after`); absent on the last page',
    schema: { type: 'string' },
    example: 'WyJjdXN0b21lcnMiLCIxMDAwMDA0OSJd',
  });
}

const PAGE_PARAMETERS = [
  { $ref: '#/components/parameters/PageLimit' },
  { $ref: '#/components/parameters/PageAfter' },
];
const REPLAY_HEADERS = { 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } };
const PAGE_HEADERS = {
  Link: { $ref: '#/components/headers/NextPageLink' },
  'X-Next-Cursor': { $ref: '#/components/headers/NextPageCursor' },
};

const IDEMPOTENCY =
  'With an `Idempotency-Key` header (per tenant), the same key with the same method, path and body ' +
  'within 24 h answers the first answer again, with `Idempotent-Replayed: true`, and creates nothing; ' +
  'the same key with another request, or while its first request is still running, is 409.';

const IDEMPOTENCY_SECRET =
  'This answer holds a secret shown once, which is never stored: a replay of the same key and body is 409 ' +
  'naming the id of what the first request created (its secret is not shown again), never a second creation.';

const ACCESS_ERRORS: Record<Access, readonly number[]> = {
  partner: [401, 429, 500, 503],
  admin: [401, 429, 500, 503],
  issuer: [401, 500, 503],
  public: [500],
};

const SECURITY: Record<Access, RouteConfig['security']> = {
  partner: [{ apiKey: [] }],
  admin: [{ adminToken: [] }],
  issuer: [{ issuerSignature: [] }],
  public: [],
};

/** Registers one operation with the security and the error envelope its path family implies. */
export function operation(registry: OpenAPIRegistry, op: Operation): void {
  const { access, errors = [], responses, idempotent = false, paged = false, ...rest } = op;
  const all = [
    ...errors,
    ...ACCESS_ERRORS[access],
    ...(idempotent ? [400, 409] : []),
    ...(paged ? [400] : []),
  ];
  const statuses = [...new Set(all)].sort((a, b) => a - b);
  let answers: RouteConfig['responses'] = { ...responses };
  if (idempotent) {
    answers = Object.fromEntries(
      Object.entries(answers).map(([status, answer]) => [
        status,
        Number(status) < 300 ? withHeaders(answer as ResponseConfig, REPLAY_HEADERS) : answer,
      ]),
    );
    rest.request = { ...rest.request, headers: z.object({ 'Idempotency-Key': idempotencyKeyHeader }) };
    const text = idempotent === 'secret-shown-once' ? `${IDEMPOTENCY} ${IDEMPOTENCY_SECRET}` : IDEMPOTENCY;
    rest.description = rest.description ? `${rest.description}\n\n${text}` : text;
  }
  if (paged) {
    // The route's own schema decodes the cursor of its list; the document shows the shared components.
    const query = rest.request?.query as z.ZodObject | undefined;
    rest.request = { ...rest.request, query: query?.omit({ limit: true, after: true }) };
    rest.parameters = [...(rest.parameters ?? []), ...PAGE_PARAMETERS] as RouteConfig['parameters'];
    rest.description = rest.description ? `${rest.description}\n\n${PAGING}` : PAGING;
    answers[200] = withHeaders(answers[200] as ResponseConfig, PAGE_HEADERS);
  }
  const examples = OPERATION_EXAMPLES[op.operationId ?? ''] ?? {};
  if (rest.request?.body && examples.request !== undefined)
    rest.request = { ...rest.request, body: withExample(rest.request.body, examples.request) };
  const ok = Object.fromEntries(
    Object.entries(answers).map(([status, response]) => {
      const example = examples.responses?.[status];
      return [status, example === undefined ? response : withExample(response as ResponseConfig, example)];
    }),
  );
  registry.registerPath({
    ...rest,
    security: SECURITY[access],
    responses: { ...ok, ...errorResponses(familyOf(op.path), statuses) },
  });
}

function withHeaders(answer: ResponseConfig, headers: Record<string, { $ref: string }>): ResponseConfig {
  return { ...answer, headers: { ...(answer.headers as object), ...headers } };
}

/** The same body or answer with `example` on each of its media types. */
function withExample<T extends { content?: ZodContentObject }>(config: T, example: unknown): T {
  if (!config.content) return config;
  const content = Object.fromEntries(
    Object.entries(config.content).map(([type, media]) => [type, { ...media, example }]),
  );
  return { ...config, content };
}

/** A JSON body or answer. */
export function json(schema: ZodType, description = 'JSON') {
  return { description, content: { 'application/json': { schema } } };
}

/** Body errors every JSON route can answer: field errors or bad JSON, too large, not JSON. */
export const BODY_ERRORS = [400, 413, 415] as const;
