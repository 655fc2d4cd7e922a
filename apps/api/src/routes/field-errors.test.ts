import {
  changeNotificationBody,
  createAccountBody,
  createApiKeyBody,
  createBlackListEntryBody,
  createCustomerBody,
  createNotificationBody,
  createRestrictionBody,
  createTenantBody,
  createWebhookSubscriptionBody,
  updateAccountBody,
  updateNotificationBody,
} from '@wallet/validation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
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

beforeAll(async () => {
  api = await startTestApi({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
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
  world = {
    tenantName: tenant.name,
    customer,
    async notificationPath() {
      const feed = `/v1/${tenant.name}/accounts/${(await customer()).id}/notifications`;
      const res = await call('POST', feed, { messageType: 'user_needs_kyc', type: 'INFORMATION' });
      if (res.status !== 201) throw new Error(`notification: ${res.status} ${res.text}`);
      return `${feed}/${res.body[0].id}`;
    },
  };
});
afterAll(() => api.stop());

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
  return (spec.admin ? admin : call)(spec.method, path, body);
}

const cases = REQUEST_BODIES.flatMap((spec) => spec.fields.map((field) => [spec, field] as const));

for (const [spec, field] of cases)
  describe(`${spec.name} ${field.field}`, () => {
    it('a wrong type says which type', async () => {
      const [value, message] = wrongType(field.type);
      const res = await send(spec, withValue(spec.valid(++n), field.field, value));
      expect(res.status, res.text).toBe(400);
      expect(fieldErrorsOf(spec.family, res.body)).toEqual([
        expected(spec, field, { message, code: INVALID[spec.family] }),
      ]);
    });

    it('null is absent (or, when required, must not be null)', async () => {
      const res = await send(spec, withValue(spec.valid(++n), field.field, null));
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
        const res = await send(spec, withValue(spec.valid(++n), field.field, value));
        expect(res.status, res.text).toBe(400);
        expect(fieldErrorsOf(spec.family, res.body)).toEqual([expected(spec, field, e)]);
      });
  });

describe('the table', () => {
  /** The properties of a zod object, nested objects' as dotted paths after their own. */
  function propertiesOf(shape: Record<string, z.ZodType>, prefix = ''): string[] {
    return Object.entries(shape).flatMap(([key, schema]) => {
      const inner = (schema instanceof z.ZodOptional ? schema.unwrap() : schema) as z.ZodType;
      const nested = inner instanceof z.ZodObject ? propertiesOf(inner.shape, `${prefix}${key}.`) : [];
      return [`${prefix}${key}`, ...nested];
    });
  }

  it('names every property of every request body schema', () => {
    // A field added to a schema without a row here would go untested.
    const covered = (name: string) =>
      REQUEST_BODIES.filter((s) => s.name === name || s.name.startsWith(`${name} (`)).flatMap((s) =>
        s.fields.map((f) => f.field),
      );
    const schemas: [string, z.ZodObject][] = [
      ['POST /admin/tenants', createTenantBody],
      ['POST /v2/customer-persons', createCustomerBody],
      ['POST /v2/customer-persons/{customerId}/accounts', createAccountBody],
      ['POST /v2/customer-persons/{customerId}/restrictions', createRestrictionBody],
      ['POST /v2/customer-persons/{customerId}/change-notifications', changeNotificationBody],
      ['POST /v2/webhook-subscriptions', createWebhookSubscriptionBody],
      ['POST /v2/black-list-entries', createBlackListEntryBody],
      ['POST /v2/api-keys', createApiKeyBody],
      ['POST /admin/tenants/{tenantName}/api-keys', createApiKeyBody],
      ['POST /v1/{tenantName}/accounts/{userId}/notifications', createNotificationBody],
      ['PUT /v1/{tenantName}/accounts/{userId}/notifications/{notificationId}', updateNotificationBody],
      ['PATCH /accounts/{customerAccountId}', updateAccountBody],
    ];
    for (const [name, schema] of schemas) {
      expect(new Set(covered(name)), name).toEqual(new Set(propertiesOf(schema.shape)));
    }
  });
});
