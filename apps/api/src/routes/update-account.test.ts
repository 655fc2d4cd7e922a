import { createDb, type DbHandle } from '@wallet/db';
import { ofacSnapshot2021Paths } from '@wallet/screening';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

// The 2021 SDN snapshot vendored in @wallet/screening.
const SDN_DIR = ofacSnapshot2021Paths().directory;

let api: TestApi;
let call: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
let handle: DbHandle;
let n = 0;

const address = { addressLine1: 'Main Street', city: 'Berlin', countryCode: 'DEU', postalCode: '10115' };

async function customer(accounts = ['EUR']) {
  const externalId = `partner-${++n}`;
  const res = await call('POST', '/v2/customer-persons', {
    externalId,
    email: 'a@b.co',
    registrationIp: '198.51.100.1',
  });
  for (const currencyCode of accounts)
    await call('POST', `/v2/customer-persons/${res.body.id}/accounts`, { currencyCode });
  return { externalId, id: res.body.id as string };
}

beforeAll(async () => {
  api = await startTestApi({ SCREENING_LIST_PATH: SDN_DIR });
  call = client(api.url, (await api.createTenant()).apiKey);
  other = client(api.url, (await api.createTenant()).apiKey);
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
});
afterAll(async () => {
  await handle.destroy();
  await api.stop();
});

describe('PATCH /accounts/{customerAccountId}', () => {
  it('stores a clean profile and answers the seed shape with GREEN', async () => {
    const c = await customer();
    const res = await call('PATCH', `/accounts/${c.externalId}`, {
      billingAddress: address,
      consumer: {
        firstName: 'Falk',
        lastName: 'Quintus',
        dateOfBirth: '1966-02-01',
        email: 'falk@example.com',
        culture: 'de-DE',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      partnerReference: expect.stringMatching(/^[a-zA-Z0-9_-]{1,64}$/),
      statusCode: 'ACTIVE',
      accFlowStatusCode: 'APPROVED',
      twoFAStatusCode: '2FADIS',
      isTwoFASetupCodeRequired: false,
      providerResponse: {
        complianceData: [
          {
            archiveId: expect.stringMatching(/^\d{1,50}$/),
            trafficLight: 'GREEN',
            manualReview: false,
            details: [],
          },
        ],
      },
      requestDateTime: expect.stringMatching(/Z$/),
      responseCode: '0000',
      responseDescription: 'Successful execution.',
    });
    const row = await handle.db
      .selectFrom('customers')
      .select('profile')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.profile).toMatchObject({
      consumer: { lastName: 'Quintus' },
      billingAddress: { city: 'Berlin' },
    });
  });

  it('RED on a sanctioned name with its birthdate: restriction, BLOCKED accounts, Account.UPDATE and an ERROR notification', async () => {
    const c = await customer(['EUR', 'USD']);
    const res = await call('PATCH', `/accounts/${c.externalId}`, {
      billingAddress: address,
      consumer: { firstName: 'Hasan', lastName: 'Nasrallah', dateOfBirth: '1960-08-31' },
    });
    expect(res.status).toBe(200);
    const [data] = res.body.providerResponse.complianceData;
    expect(data).toMatchObject({ trafficLight: 'RED', hitType: 'SL', manualReview: true });
    expect(data.details).toContainEqual({ name: 'NASRALLAH, Hasan', birthdate: '1960-08-31' });
    expect(res.body.statusCode).toBe('REJECTED');
    expect(res.body.accFlowStatusCode).toBe('DECLINED');

    const shown = await call('GET', `/v2/customer-persons/${c.id}`);
    expect(shown.body.restrictions).toEqual([
      expect.objectContaining({
        name: 'ALL_TRANSACTIONS',
        reason: 'COMPLIANCE',
        requiredActions: ['CONTACT_CUSTOMER_SERVICE'],
      }),
    ]);
    expect(shown.body.accounts.map((a: { status: string }) => a.status)).toEqual(['BLOCKED', 'BLOCKED']);
    const events = await handle.db
      .selectFrom('account_events')
      .innerJoin('accounts', 'accounts.id', 'account_events.account_id')
      .select(['account_events.status', 'account_events.payload'])
      .where('accounts.customer_id', '=', c.id)
      .execute();
    expect(events.map((e) => e.status)).toEqual(['BLOCKED', 'BLOCKED']);
    expect(events[0]?.payload).toMatchObject({ customerName: 'Hasan Nasrallah' });

    const feed = await handle.db
      .selectFrom('notifications')
      .selectAll()
      .where('customer_id', '=', c.id)
      .execute();
    expect(feed.map((f) => [f.message_type, f.type, f.state])).toEqual([
      ['wallet_aml_screening_not_successful', 'ERROR', 'UNSEEN'],
    ]);

    // The same hit again stacks nothing.
    await call('PATCH', `/accounts/${c.externalId}`, {
      billingAddress: address,
      consumer: { firstName: 'Hasan', lastName: 'Nasrallah', dateOfBirth: '1960-08-31' },
    });
    expect((await call('GET', `/v2/customer-persons/${c.id}`)).body.restrictions).toHaveLength(1);
    expect(
      await handle.db.selectFrom('notifications').select('id').where('customer_id', '=', c.id).execute(),
    ).toHaveLength(1);

    // A clean screening afterwards verifies the wallet, but the compliance block stays until a person lifts it.
    const clean = await call('PATCH', `/accounts/${c.externalId}`, {
      billingAddress: address,
      consumer: { firstName: 'Hanna', lastName: 'Schmidt', dateOfBirth: '1980-05-05' },
    });
    expect(clean.body.providerResponse.complianceData[0].trafficLight).toBe('GREEN');
    expect(clean.body.statusCode).toBe('INACTIVE');
    const after = await handle.db
      .selectFrom('notifications')
      .selectAll()
      .where('customer_id', '=', c.id)
      .orderBy('id')
      .execute();
    expect(after.map((f) => [f.message_type, f.type])).toEqual([
      ['wallet_aml_screening_not_successful', 'ERROR'],
      ['wallet_verified', 'SUCCESS'],
    ]);
    expect(
      (await call('GET', `/v2/customer-persons/${c.id}`)).body.accounts.map(
        (a: { status: string }) => a.status,
      ),
    ).toEqual(['BLOCKED', 'BLOCKED']);
  });

  it('YELLOW when the name matches but the birthdate differs: manual review, no restriction', async () => {
    const c = await customer();
    const res = await call('PATCH', `/accounts/${c.externalId}`, {
      billingAddress: address,
      consumer: { firstName: 'Hasan', lastName: 'Nasrallah', dateOfBirth: '1990-01-01' },
    });
    expect(res.body.providerResponse.complianceData[0]).toMatchObject({
      trafficLight: 'YELLOW',
      hitType: 'SL',
      manualReview: true,
    });
    expect(res.body.statusCode).toBe('ACTIVE');
    expect(res.body.accFlowStatusCode).toBe('APPROVEDSV');
    expect((await call('GET', `/v2/customer-persons/${c.id}`)).body.restrictions).toEqual([]);
  });

  it("screens a tenant's own black list (BL) for that tenant only", async () => {
    const entry = await call('POST', '/v2/black-list-entries', {
      subject: 'COMPANY',
      name: 'Globex Trading Corporation',
    });
    expect(entry.status).toBe(201);
    const mine = await customer();
    const res = await call('PATCH', `/accounts/${mine.externalId}`, {
      billingAddress: address,
      businessConsumer: { companyName: 'GLOBEX TRADING CORPORATION', companyRegistrationCountry: 'DE' },
    });
    expect(res.body.providerResponse.complianceData[0]).toMatchObject({ trafficLight: 'RED', hitType: 'BL' });
    const otherCustomer = await other('POST', '/v2/customer-persons', {
      externalId: 'o-1',
      email: 'a@b.co',
      registrationIp: '1.2.3.4',
    });
    expect(otherCustomer.status).toBe(201);
    const theirs = await other('PATCH', '/accounts/o-1', {
      billingAddress: address,
      businessConsumer: { companyName: 'Globex Trading Corporation' },
    });
    expect(theirs.body.providerResponse.complianceData[0].trafficLight).toBe('GREEN');
  });

  it('validates field by field in the seed envelope, with value_out_of_bounds bounds', async () => {
    const c = await customer();
    const res = await call('PATCH', `/accounts/${c.externalId}`, {
      billingAddress: { ...address, city: 'x'.repeat(51), countryCode: 'USA' },
      consumer: { firstName: 'A', lastName: 'B', dateOfBirth: '1899-01-01' },
    });
    expect(res.status).toBe(400);
    expect(res.body.traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        {
          message: 'Value out of bounds. Value must be between 1 and 50',
          code: 'value_out_of_bounds',
          property: 'billingAddress.city',
          context: { minimum: 1, maximum: 50 },
        },
        expect.objectContaining({ code: 'required', property: 'billingAddress.stateCode' }),
        expect.objectContaining({ code: 'invalid_value', property: 'consumer.dateOfBirth' }),
      ]),
    );
    const both = await call('PATCH', `/accounts/${c.externalId}`, {
      billingAddress: address,
      consumer: { firstName: 'A', lastName: 'B' },
      businessConsumer: { companyName: 'C' },
    });
    expect(both.body.errors).toEqual([
      expect.objectContaining({ property: 'businessConsumer', code: 'invalid_value' }),
    ]);
    const none = await call('PATCH', `/accounts/${c.externalId}`, { billingAddress: address });
    expect(none.body.errors).toEqual([expect.objectContaining({ property: 'consumer', code: 'required' })]);
  });

  it('answers 415, 401, 404 in the seed envelope', async () => {
    const c = await customer();
    const text = await call('PATCH', `/accounts/${c.externalId}`, 'a=b', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.body.errors[0].code).toBe('unsupported_media_type');
    const anonymous = await client(api.url)('PATCH', `/accounts/${c.externalId}`, {
      billingAddress: address,
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({
      traceId: expect.any(String),
      errors: [{ message: 'You are not authenticated to perform this request.', code: 'unauthorized' }],
    });
    const foreign = await other('PATCH', `/accounts/${c.externalId}`, {
      billingAddress: address,
      consumer: { firstName: 'A', lastName: 'B' },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors).toEqual([{ message: 'Resource not found.', code: 'not_found' }]);
    const long = await call('PATCH', `/accounts/${'x'.repeat(256)}`, {
      billingAddress: address,
      consumer: { firstName: 'A', lastName: 'B' },
    });
    expect(long.status).toBe(400);
    expect(long.body.errors[0]).toMatchObject({
      code: 'value_out_of_bounds',
      property: 'customerAccountId',
      context: { minimum: 1, maximum: 255 },
    });
  });
});
