import { Validator } from '@seriousme/openapi-schema-validator';
import { familyOf } from '@wallet/errors';
import { changeNotificationBody, createCustomerBody, updateAccountBody } from '@wallet/validation';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './document.js';

const doc = buildOpenApiDocument();
const ENVELOPE = { v2: 'V2Error', v1: 'V1Error', accounts: 'AccountsError' } as const;

type Op = {
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};
const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
  (['get', 'put', 'post', 'delete', 'patch'] as const)
    .filter((m) => item[m])
    .map((method) => ({ path, method, op: item[method] as unknown as Op })),
);

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
    // The validator does reject a broken document: a parameter in a place OpenAPI does not know.
    const broken = structuredClone(doc) as unknown as {
      paths: Record<string, Record<string, { parameters: { in: string }[] }>>;
    };
    const param = broken.paths['/v2/customer-persons/{customerId}']?.get?.parameters[0];
    if (param) param.in = 'body';
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('answers every error status in the envelope of the path family', () => {
    expect(operations.length).toBeGreaterThan(20);
    for (const { path, method, op } of operations) {
      const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
      expect(errors.length, `${method} ${path} documents no error`).toBeGreaterThan(0);
      for (const [status, response] of errors) {
        expect(response.content?.['application/json']?.schema?.$ref, `${method} ${path} ${status}`).toBe(
          `#/components/schemas/${ENVELOPE[familyOf(path)]}`,
        );
      }
    }
    const families = new Set(operations.map(({ path }) => familyOf(path)));
    expect([...families].sort()).toEqual(['accounts', 'v1', 'v2']);
  });

  it('names the security of each operation: admin token, API key, or none', () => {
    const schemes = doc.components?.securitySchemes ?? {};
    expect(schemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const { path, method, op } of operations) {
      const expected = path.startsWith('/admin/')
        ? [{ adminToken: [] }]
        : path.startsWith('/v2/issuer-callbacks/')
          ? [{ issuerSignature: [] }]
          : /^\/(v1|v2|accounts)\//.test(path)
            ? [{ apiKey: [] }]
            : [];
      expect(op.security, `${method} ${path}`).toEqual(expected);
      if (expected.length > 0) expect(op.responses['401'], `${method} ${path}`).toBeDefined();
    }
  });

  it('describes request bodies with the schemas the routes validate with', () => {
    const schemas = doc.components?.schemas as Record<
      string,
      { properties?: object; additionalProperties?: boolean }
    >;
    const keys = (name: string) => Object.keys(schemas[name]?.properties ?? {}).sort();
    expect(keys('CreateCustomerRequest')).toEqual(Object.keys(createCustomerBody.shape).sort());
    expect(keys('UpdateAccountRequest')).toEqual(Object.keys(updateAccountBody.shape).sort());
    expect(keys('ChangeNotificationRequest')).toEqual(Object.keys(changeNotificationBody.shape).sort());
    // Unknown fields are rejected by the API, and the document says so.
    expect(schemas.CreateCustomerRequest?.additionalProperties).toBe(false);
    // Seed 003's limits live in a refinement; the document still states them.
    const update = (schemas.UpdateAccountRequest?.properties ?? {}) as Record<string, { properties: object }>;
    const address = update.billingAddress?.properties;
    expect(address).toMatchObject({ city: { maxLength: 50 }, countryCode: { minLength: 3, maxLength: 3 } });
  });

  it('documents the change-notification operation of seed 000', () => {
    const op = doc.paths?.['/v2/customer-persons/{customerId}/change-notifications']?.post;
    expect(op?.summary).toBe('Notify of external customer data change');
    expect(Object.keys(op?.responses ?? {})).toEqual(
      expect.arrayContaining(['202', '400', '404', '500', '503']),
    );
  });
});

describe('what the document promises matches the server (issue 18)', () => {
  // biome-ignore lint/suspicious/noExplicitAny: reading the generated JSON
  const schemas = doc.components?.schemas as Record<string, any>;
  // biome-ignore lint/suspicious/noExplicitAny: reading the generated JSON
  const paths = doc.paths as Record<string, any>;

  it('types changeTime, seed 002 path ids as numbers, and registrationIp as ipv4', () => {
    expect(schemas.ChangeNotificationRequest.properties.changeTime).toMatchObject({
      type: 'string',
      format: 'date-time',
    });
    const put = paths['/v1/{tenantName}/accounts/{userId}/notifications/{notificationId}'].put;
    const param = (name: string) => put.parameters.find((p: { name: string }) => p.name === name).schema;
    expect(param('userId')).toMatchObject({ type: 'integer', minimum: 1 });
    expect(param('notificationId')).toMatchObject({ type: 'integer', minimum: 1 });
    expect(schemas.CreateCustomerRequest.properties.registrationIp.format).toBe('ipv4');
    expect(JSON.stringify(doc)).not.toContain('"format":"ip"');
  });

  it("carries seed 003's dateOfBirth pattern, the one-of rule and the USA/CAN stateCode rule", () => {
    const request = schemas.UpdateAccountRequest;
    expect(request.properties.consumer.properties.dateOfBirth.pattern).toBe('^\\d{4}-\\d{2}-\\d{2}$');
    expect(request.oneOf).toEqual([
      { required: ['consumer'], not: { required: ['businessConsumer'] } },
      { required: ['businessConsumer'], not: { required: ['consumer'] } },
    ]);
    const [usa, can] = request.properties.billingAddress.allOf;
    expect(usa.if.properties.countryCode.pattern).toBe('^[Uu][Ss][Aa]$');
    expect(usa.then.required).toEqual(['stateCode']);
    expect(new RegExp(usa.then.properties.stateCode.pattern).test('ny')).toBe(true);
    expect(new RegExp(usa.then.properties.stateCode.pattern).test('ZZ')).toBe(false);
    expect(new RegExp(can.then.properties.stateCode.pattern).test('QC')).toBe(true);
  });

  it('gives examples in the real id ranges', () => {
    expect(Number(schemas.Account.properties.id.example)).toBeGreaterThanOrEqual(1356000);
    expect(Number(schemas.Customer.properties.id.example)).toBeGreaterThanOrEqual(10000000);
    const archiveId =
      schemas.AccountUpdateResponse.properties.providerResponse.properties.complianceData.items.properties
        .archiveId.example;
    expect(BigInt(archiveId)).toBeGreaterThanOrEqual(4108000025015465n);
  });
});
