import { buildOpenApiDocument } from '@wallet/contract';
import { transitionInstrumentRequest } from '@wallet/core';
import { createDb } from '@wallet/db';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, client, startTestApi, type TestApi } from '../testing/harness.js';
import {
  type BodySpec,
  type BodyWorld,
  type Expected,
  type Family,
  type FieldSpec,
  type FieldType,
  REQUEST_BODIES,
} from '../testing/request-bodies.js';

// Every field of every request body gets a wrong-typed value, null and a value out of its range; each
// answer must hold exactly one error for that field, with the right message and code.
let api: TestApi;
let call: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;
let world: BodyWorld;
let n = 0;

const ISSUER = 'acme-bank';
const ISSUER_SECRET = `whsec_${Buffer.from('field-errors-callback-secret-0123').toString('base64')}`;

beforeAll(async () => {
  api = await startTestApi({
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    INSTRUMENT_ISSUERS: JSON.stringify({
      US_BANK_ACCOUNT: {
        adapter: 'callback',
        issuer: ISSUER,
        secret: ISSUER_SECRET,
        requestUrl: 'http://127.0.0.1:9/',
      },
    }),
  });
  const tenant = await api.createTenant();
  call = client(api.url, tenant.apiKey);
  admin = client(api.url, ADMIN_TOKEN);
  const customer = async () => {
    const externalId = `fields-owner-${++n}`;
    const res = await call('POST', '/v2/customer-persons', {
      externalId,
      email: 'a@b.co',
      registrationIp: '198.51.100.1',
    });
    if (res.status !== 201) throw new Error(`customer: ${res.status} ${res.text}`);
    return { id: res.body.id as string, externalId };
  };
  const accountPath = async (currencyCode = 'EUR', virtualAccountAssignment = false) => {
    const path = `/v2/customer-persons/${(await customer()).id}`;
    const res = await call('POST', `${path}/accounts`, { currencyCode, virtualAccountAssignment });
    if (res.status !== 201) throw new Error(`account: ${res.status} ${res.text}`);
    return { path: `${path}/accounts/${res.body.id}`, accountId: res.body.id as string };
  };
  world = {
    tenantName: tenant.name,
    customer,
    accountPath: async () => (await accountPath()).path,
    async screeningId() {
      const { externalId } = await customer();
      const res = await call('PATCH', `/accounts/${externalId}`, {
        billingAddress: { addressLine1: 'Main Street', city: 'Berlin', countryCode: 'DEU' },
        consumer: { firstName: 'Ada', lastName: 'Lovelace' },
      });
      if (res.status !== 200) throw new Error(`screening: ${res.status} ${res.text}`);
      return res.body.providerResponse.complianceData[0].archiveId as string;
    },
    async restrictionId() {
      const res = await call('POST', `/v2/customer-persons/${(await customer()).id}/restrictions`, {
        name: 'OUTGOING_TRANSACTIONS',
        reason: 'RISK_CONTROLS',
      });
      if (res.status !== 201) throw new Error(`restriction: ${res.status} ${res.text}`);
      return res.body.id as string;
    },
    async subscriptionPath() {
      // Each its own URL: (tenant, url, eventTypes) is unique among active subscriptions.
      const res = await call('POST', '/v2/webhook-subscriptions', {
        url: `http://127.0.0.1:9/fields/${++n}`,
        eventTypes: ['Account.UPDATE'],
      });
      if (res.status !== 201) throw new Error(`subscription: ${res.status} ${res.text}`);
      return `/v2/webhook-subscriptions/${res.body.id as string}`;
    },
    issuer: ISSUER,
    callbackReference: await acceptedRequest((await accountPath('USD', true)).accountId),
    signCallback(text) {
      const id = `evt_fields_${++n}`;
      const at = new Date();
      return {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(ISSUER_SECRET).sign(id, at, text),
      };
    },
    async notificationPath() {
      const feed = `/v1/${tenant.name}/accounts/${(await customer()).id}/notifications`;
      const res = await call('POST', feed, { messageType: 'user_needs_kyc', type: 'INFORMATION' });
      if (res.status !== 201) throw new Error(`notification: ${res.status} ${res.text}`);
      return `${feed}/${res.body[0].id}`;
    },
  };
});
afterAll(() => api.stop());

/** The account's instrument request, moved to ACCEPTED by the issuer as the worker would. */
async function acceptedRequest(accountId: string): Promise<string> {
  const handle = createDb({ connectionString: api.database.connectionString, max: 1 });
  try {
    const row = await handle.db
      .selectFrom('virtual_account_assignments')
      .selectAll()
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    await handle.db.transaction().execute((trx) =>
      transitionInstrumentRequest(trx, row, 'ACCEPTED', {
        reason: `Accepted by ${ISSUER}`,
        source: 'worker',
        issuer: ISSUER,
        issuerReference: row.id,
      }),
    );
    return row.id;
  } finally {
    await handle.destroy();
  }
}

/** A deep copy of `body` with `value` at the dotted `path`. */
function withValue(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let at = copy;
  for (const key of keys.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys[keys.length - 1] as string] = value;
  return copy;
}

const WRONG_TYPES: Record<Exclude<FieldType, readonly string[]>, [unknown, string]> = {
  string: [12345, 'must be a string'],
  number: ['3', 'must be a number'],
  boolean: ['yes', 'must be a boolean'],
  array: ['WAIT', 'must be an array'],
  object: ['x', 'must be an object'],
};

function wrongType(type: FieldType): [unknown, string] {
  if (typeof type === 'string') return WRONG_TYPES[type];
  return [5, `must be one of: ${type.join(', ')}`];
}

/** The family's field-error code for a wrong value (/v2 has no per-field code). */
const INVALID: Record<Family, string | undefined> = {
  v2: undefined,
  v1: 'validation_error',
  accounts: 'invalid_value',
};
const REQUIRED: Record<Family, string | undefined> = {
  v2: undefined,
  v1: 'validation_required',
  accounts: 'required',
};

interface SeenError {
  property: string;
  message: string;
  code?: string;
  context?: unknown;
}

/** The field errors of a 400 in any of the three envelopes, in one shape. */
// biome-ignore lint/suspicious/noExplicitAny: the three envelopes are read as JSON
function fieldErrorsOf(family: Family, body: any): SeenError[] {
  switch (family) {
    case 'v2':
      expect(body.error.code).toBe('5068');
      return body.error.fieldErrors.map((f: { field: string; error: string }) => ({
        property: f.field,
        message: f.error,
      }));
    case 'v1':
      return body.errors.map((e: { name: string; message: string; error_code: string }) => ({
        property: e.name,
        message: e.message,
        code: e.error_code,
      }));
    case 'accounts':
      return body.errors.map((e: SeenError) => ({
        property: e.property,
        message: e.message,
        code: e.code,
        ...(e.context !== undefined && { context: e.context }),
      }));
  }
}

function expected(spec: BodySpec, field: FieldSpec, e: Expected): SeenError {
  return {
    property: e.property ?? field.field,
    message: e.message,
    ...(spec.family !== 'v2' && { code: e.code }),
    ...(e.context && { context: e.context }),
  };
}

async function send(spec: BodySpec, body: Record<string, unknown>) {
  const path = await spec.path(world);
  if (spec.signed) {
    const text = JSON.stringify(body);
    return client(api.url)(spec.method, path, text, {
      'content-type': 'application/json',
      ...world.signCallback(text),
    });
  }
  return (spec.admin ? admin : call)(spec.method, path, body);
}

const cases = REQUEST_BODIES.flatMap((spec) => spec.fields.map((field) => [spec, field] as const));

for (const [spec, field] of cases)
  describe(`${spec.name} ${field.field}`, () => {
    it('a wrong type says which type', async () => {
      const [value, message] = wrongType(field.type);
      const res = await send(spec, withValue(spec.valid(++n, world), field.field, value));
      expect(res.status, res.text).toBe(400);
      expect(fieldErrorsOf(spec.family, res.body)).toEqual([
        expected(spec, field, { message, code: INVALID[spec.family] }),
      ]);
    });

    it('null is absent (or, when required, must not be null)', async () => {
      const res = await send(spec, withValue(spec.valid(++n, world), field.field, null));
      if (field.onNull || field.required) {
        expect(res.status, res.text).toBe(400);
        const e = field.onNull ?? { message: 'must not be null', code: REQUIRED[spec.family] };
        expect(fieldErrorsOf(spec.family, res.body)).toEqual([expected(spec, field, e)]);
      } else {
        expect(res.status, res.text).toBe(spec.okStatus);
      }
    });

    const outOfRange = field.outOfRange;
    // A boolean or an object has no range: it gets the first two cases only.
    if (outOfRange)
      it('out of range', async () => {
        const { value, expect: e } = outOfRange;
        const res = await send(spec, withValue(spec.valid(++n, world), field.field, value));
        expect(res.status, res.text).toBe(400);
        expect(fieldErrorsOf(spec.family, res.body)).toEqual([expected(spec, field, e)]);
      });
  });

// biome-ignore lint/suspicious/noExplicitAny: JSON schemas of the published document are read as JSON
type JsonSchema = Record<string, any>;

/**
 * Operations whose JSON body this test cannot drive, with the reason. Empty: every body is driven,
 * the signed issuer callback included (BodyWorld.signCallback).
 */
const NOT_DRIVEN: Record<string, string> = {};

describe('the table', () => {
  const document = buildOpenApiDocument();

  function resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref as string | undefined;
    if (!ref) return schema;
    const name = ref.replace('#/components/schemas/', '');
    const target = (document.components?.schemas as Record<string, JsonSchema> | undefined)?.[name];
    if (!target) throw new Error(`unresolved ${ref}`);
    return resolve(target);
  }

  /**
   * The properties of a JSON schema, nested objects' as dotted paths after their own. The branches
   * of allOf/oneOf/anyOf count too (a property declared in one branch only); if/then only restate them.
   */
  function propertiesOf(schema: JsonSchema, prefix = ''): string[] {
    const s = resolve(schema);
    const own = Object.entries((s.properties ?? {}) as Record<string, JsonSchema>).flatMap(([key, inner]) => [
      `${prefix}${key}`,
      ...propertiesOf(inner, `${prefix}${key}.`),
    ]);
    const branches = ['allOf', 'oneOf', 'anyOf'].flatMap((k) => (s[k] ?? []) as JsonSchema[]);
    return [...new Set([...own, ...branches.flatMap((b) => propertiesOf(b, prefix))])];
  }

  /** Every operation of the published document that takes a request body, by `METHOD /path`. */
  const bodies = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, JsonSchema>).flatMap(([method, op]) => {
      const body = op?.requestBody as JsonSchema | undefined;
      return body ? [[`${method.toUpperCase()} ${path}`, body] as const] : [];
    }),
  );
  const entriesFor = (name: string) =>
    REQUEST_BODIES.filter((s) => s.name === name || s.name.startsWith(`${name} (`));

  it('has an entry for every operation with a request body, naming every property of its schema', () => {
    // An operation or a field added to the contract without a row here would go untested.
    for (const [name, body] of bodies) {
      if (name in NOT_DRIVEN) continue;
      const schema = body.content?.['application/json']?.schema as JsonSchema | undefined;
      expect.soft(schema, `${name}: a request body that is not JSON`).toBeDefined();
      if (!schema) continue;
      const entries = entriesFor(name);
      expect.soft(entries.length, `${name}: no entry in REQUEST_BODIES`).toBeGreaterThan(0);
      const covered = new Set(entries.flatMap((s) => s.fields.map((f) => f.field)));
      expect.soft(covered, name).toEqual(new Set(propertiesOf(schema)));
    }
  });

  it('names only operations of the document', () => {
    // Also guards the guard: were the document read wrongly (no bodies found), every entry fails here.
    const known = new Set(bodies.map(([name]) => name));
    for (const spec of REQUEST_BODIES)
      expect.soft(known, spec.name).toContain(spec.name.replace(/ \(.*\)$/, ''));
    for (const name of Object.keys(NOT_DRIVEN)) expect.soft(known, name).toContain(name);
  });
});
