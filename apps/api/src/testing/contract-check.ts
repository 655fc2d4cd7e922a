import { buildOpenApiDocument, type OpenApiDocument } from '@wallet/contract';
import { familyOf } from '@wallet/errors';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * Checks real responses against the published OpenAPI document, strictly: on a copy in which every
 * object schema refuses the properties it does not name (`additionalProperties: false`), so that a
 * presenter that adds, renames or mistypes a field fails the test that saw it.
 */
type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** A copy of `node` in which every object schema without its own rule refuses unnamed properties. */
function strictCopy<T>(node: T): T {
  if (Array.isArray(node)) return node.map(strictCopy) as T;
  if (node === null || typeof node !== 'object') return node;
  const copy: Json = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, strictCopy(v)]));
  const composed = 'allOf' in copy || 'oneOf' in copy || 'anyOf' in copy;
  if (copy.type === 'object' && !('additionalProperties' in copy) && !composed) {
    copy.additionalProperties = false;
  }
  return copy as T;
}

interface Operation {
  method: string;
  pattern: RegExp;
  path: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const ENVELOPE_OF_FAMILY = { v2: 'V2Error', v1: 'V1Error', accounts: 'AccountsError' } as const;

// ajv-formats is CommonJS: its default export arrives as the module or as its `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

export class ContractChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly operations: Operation[];
  private readonly components: unknown;
  private readonly validators = new Map<string, ValidateFunction>();
  /** How many responses were checked, for the report of a run. */
  checked = 0;

  constructor(document: OpenApiDocument = buildOpenApiDocument()) {
    addFormats(this.ajv);
    const strict = strictCopy(document);
    this.components = strict.components;
    this.operations = Object.entries(strict.paths ?? {}).flatMap(([path, item]) =>
      METHODS.filter((m) => (item as Json)[m]).map((method) => ({
        method,
        path,
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        responses: ((item as Json)[method] as { responses: Operation['responses'] }).responses,
      })),
    );
    // Fewer parameters first: a literal segment is never read as an `{id}`.
    const params = (o: Operation) => o.path.split('{').length;
    this.operations.sort((a, b) => params(a) - params(b));
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile({ ...(schema as Json), components: this.components });
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** What is wrong with one response; empty when it is what the document promises. */
  check(
    method: string,
    pathname: string,
    status: number,
    contentType: string | null,
    body: string,
  ): string[] {
    this.checked++;
    const where = `${method.toUpperCase()} ${pathname} ${status}`;
    const op = this.operations.find((o) => o.method === method.toLowerCase() && o.pattern.test(pathname));
    let schema: unknown;
    let key: string;
    if (op) {
      const response = op.responses[String(status)] ?? op.responses.default;
      if (!response)
        return [`${where}: status ${status} is not documented for ${method.toUpperCase()} ${op.path}`];
      const json = response.content?.['application/json'];
      if (!json) {
        const documented = Object.keys(response.content ?? {});
        if (documented.length === 0 && body !== '')
          return [`${where}: documented without a body, got ${body.slice(0, 200)}`];
        return [];
      }
      schema = json.schema;
      key = `${op.method} ${op.path} ${status}`;
    } else {
      // An unknown route or method: only an error in its family's envelope is right.
      if (status < 400) return [`${where}: no documented operation answers this`];
      const name = ENVELOPE_OF_FAMILY[familyOf(pathname)];
      schema = { $ref: `#/components/schemas/${name}` };
      key = name;
    }
    if (!/^application\/json/.test(contentType ?? ''))
      return [`${where}: content-type ${contentType}, documented JSON`];
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return [`${where}: body is not JSON: ${body.slice(0, 200)}`];
    }
    const validate = this.validator(key, schema);
    if (validate(parsed)) return [];
    return (validate.errors ?? []).map(
      (e) => `${where}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`,
    );
  }
}

let checker: ContractChecker | undefined;
const checkedBases = new Set<string>();

/** The process's checker: how many responses it has checked so far. */
export function contractChecker(): ContractChecker {
  checker ??= new ContractChecker();
  return checker;
}

/**
 * From now on, every response of the API at `baseUrl` that this process fetches is checked against
 * the document before the caller sees it; a drift rejects the fetch, failing the test that made it.
 */
export function checkResponsesOf(baseUrl: string): void {
  if (checkedBases.size === 0) {
    const original = globalThis.fetch;
    globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
      const res = await original(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (![...checkedBases].some((base) => url.href.startsWith(`${base}/`))) return res;
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
      const body = await res.clone().text();
      const problems = contractChecker().check(
        method,
        url.pathname,
        res.status,
        res.headers.get('content-type'),
        body,
      );
      if (problems.length > 0)
        throw new Error(`response differs from /openapi.json:\n${problems.join('\n')}`);
      return res;
    };
  }
  checkedBases.add(baseUrl);
}
