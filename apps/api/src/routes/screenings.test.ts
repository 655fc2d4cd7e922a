import { createDb, type DbHandle } from '@wallet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, client, startTestApi, type TestApi } from '../testing/harness.js';

// The default sample list: KARAVANOV, Dmitri Olegovich, DOB 12 Mar 1970 (invented).
let api: TestApi;
let call: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;
let handle: DbHandle;
let n = 0;

const address = { addressLine1: 'Main Street', city: 'Berlin', countryCode: 'DEU', postalCode: '10115' };

async function screened(firstName: string, lastName: string, dateOfBirth?: string) {
  const externalId = `review-${++n}`;
  const created = await call('POST', '/v2/customer-persons', {
    externalId,
    email: 'a@b.co',
    registrationIp: '198.51.100.1',
  });
  await call('POST', `/v2/customer-persons/${created.body.id}/accounts`, { currencyCode: 'EUR' });
  const res = await call('PATCH', `/accounts/${externalId}`, {
    billingAddress: address,
    consumer: { firstName, lastName, ...(dateOfBirth && { dateOfBirth }) },
  });
  const [data] = res.body.providerResponse.complianceData;
  return { customerId: created.body.id as string, archiveId: data.archiveId as string, data };
}

const restrictionsOf = async (customerId: string) =>
  (await call('GET', `/v2/customer-persons/${customerId}`)).body.restrictions as {
    id: string;
    reason: string;
  }[];
const statusOf = async (customerId: string) =>
  (await call('GET', `/v2/customer-persons/${customerId}`)).body.accounts[0].status as string;

beforeAll(async () => {
  api = await startTestApi();
  call = client(api.url, (await api.createTenant()).apiKey);
  other = client(api.url, (await api.createTenant()).apiKey);
  admin = client(api.url, ADMIN_TOKEN);
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
});
afterAll(async () => {
  await handle.destroy();
  await api.stop();
});

describe('GET /v2/screenings/{archiveId}', () => {
  it('shows the stored screening: query, matches, list version, no review yet', async () => {
    const { archiveId, customerId } = await screened('Dmitri', 'Karavanov');
    const res = await call('GET', `/v2/screenings/${archiveId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      archiveId,
      customerId,
      trafficLight: 'YELLOW',
      hitType: 'SL',
      manualReview: true,
      query: [{ kind: 'person', name: 'Dmitri Karavanov' }],
      details: [{ name: 'KARAVANOV, Dmitri Olegovich', birthdate: '1970-03-12' }],
      listVersion: expect.stringMatching(/^SL:\d+:[0-9a-f]{12};BL:0:0$/),
      review: null,
    });
    expect(res.body.matches[0]).toMatchObject({
      entryId: '9000001',
      nameMatch: 'partial',
      birthdate: 'unknown',
    });
    expect(res.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("is 404 in the /v2 envelope for another tenant's screening and for an id that names none", async () => {
    const { archiveId } = await screened('Dmitri', 'Karavanov');
    for (const res of [
      await other('GET', `/v2/screenings/${archiveId}`),
      await call('GET', '/v2/screenings/1'),
      await call('GET', '/v2/screenings/not-a-number'),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    expect((await client(api.url)('GET', `/v2/screenings/${archiveId}`)).status).toBe(401);
  });
});

describe('POST /v2/screenings/{archiveId}/decision', () => {
  it('CONFIRMED_HIT on a YELLOW applies RED’s effects, records who and when, and audits it', async () => {
    const { archiveId, customerId } = await screened('Dmitri', 'Karavanov');
    expect(await statusOf(customerId)).toBe('ACTIVE');
    const res = await call('POST', `/v2/screenings/${archiveId}/decision`, {
      outcome: 'CONFIRMED_HIT',
      reason: 'Passport copy matches the listed person',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      archiveId,
      restrictionPlaced: true,
      liftedRestrictions: [],
      review: {
        outcome: 'CONFIRMED_HIT',
        reason: 'Passport copy matches the listed person',
        reviewedBy: expect.stringMatching(/^PARTNER:tenant-/),
        reviewedAt: expect.stringMatching(/Z$/),
      },
    });
    expect(await restrictionsOf(customerId)).toEqual([
      expect.objectContaining({ name: 'ALL_TRANSACTIONS', reason: 'COMPLIANCE' }),
    ]);
    expect(await statusOf(customerId)).toBe('BLOCKED');
    const notes = await handle.db
      .selectFrom('notifications')
      .select('message_type')
      .where('customer_id', '=', customerId)
      .execute();
    expect(notes.map((x) => x.message_type)).toContain('wallet_aml_screening_not_successful');
    const audit = await handle.db
      .selectFrom('compliance_audit_log')
      .selectAll()
      .where('screening_id', '=', archiveId)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'SCREENING_CONFIRMED_HIT',
        reason: 'Passport copy matches the listed person',
      }),
    ]);
  });

  it('FALSE_POSITIVE on a RED lifts the compliance block with the reason; a second decision is 409', async () => {
    const { archiveId, customerId, data } = await screened('Dmitri', 'Karavanov', '1970-03-12');
    expect(data.trafficLight).toBe('RED');
    const [block] = await restrictionsOf(customerId);
    expect(await statusOf(customerId)).toBe('BLOCKED');
    const res = await call('POST', `/v2/screenings/${archiveId}/decision`, {
      outcome: 'FALSE_POSITIVE',
      reason: 'Different person: other place of birth, ID checked',
    });
    expect(res.status).toBe(200);
    expect(res.body.liftedRestrictions).toEqual([block?.id]);
    expect(await restrictionsOf(customerId)).toEqual([]);
    expect(await statusOf(customerId)).toBe('ACTIVE');
    const lifted = await handle.db
      .selectFrom('restrictions')
      .select(['lifted_by', 'lift_reason', 'lifted_at'])
      .where('id', '=', block?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(lifted).toMatchObject({
      lifted_by: expect.stringMatching(/^PARTNER:/),
      lift_reason: 'Different person: other place of birth, ID checked',
    });
    const audit = await handle.db
      .selectFrom('compliance_audit_log')
      .select(['action', 'restriction_id'])
      .where('screening_id', '=', archiveId)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'SCREENING_FALSE_POSITIVE', restriction_id: null },
      { action: 'RESTRICTION_LIFTED', restriction_id: block?.id },
    ]);
    const again = await call('POST', `/v2/screenings/${archiveId}/decision`, {
      outcome: 'CONFIRMED_HIT',
      reason: 'Changed my mind',
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'DW-CONFLICT' });
    expect(again.body.error.details[0]).toMatch(/already decided \(FALSE_POSITIVE\)/);
  });

  it('refuses a decision on a GREEN screening, a bad body, and another tenant’s screening', async () => {
    const green = await screened('Falk', 'Quintus', '1966-02-01');
    expect(green.data.trafficLight).toBe('GREEN');
    const onGreen = await call('POST', `/v2/screenings/${green.archiveId}/decision`, {
      outcome: 'FALSE_POSITIVE',
      reason: 'Nothing to clear',
    });
    expect(onGreen.status).toBe(409);
    expect(onGreen.body.error.details[0]).toMatch(/GREEN/);

    const { archiveId, customerId } = await screened('Dmitri', 'Karavanov', '1970-03-12');
    const bad = await call('POST', `/v2/screenings/${archiveId}/decision`, { outcome: 'MAYBE', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fieldErrors.map((f: { field: string }) => f.field).sort()).toEqual([
      'extra',
      'outcome',
      'reason',
    ]);
    const foreign = await other('POST', `/v2/screenings/${archiveId}/decision`, {
      outcome: 'FALSE_POSITIVE',
      reason: 'Trying to clear another tenant’s customer',
    });
    expect(foreign.status).toBe(404);
    expect(await restrictionsOf(customerId)).toHaveLength(1);
    const review = (await call('GET', `/v2/screenings/${archiveId}`)).body.review;
    expect(review).toBeNull();
  });
});

describe('lifting a restriction placed by screening', () => {
  it("is 409 for the partner's plain DELETE, with a message saying how", async () => {
    const { customerId } = await screened('Dmitri', 'Karavanov', '1970-03-12');
    const [block] = await restrictionsOf(customerId);
    const res = await call('DELETE', `/v2/customer-persons/${customerId}/restrictions/${block?.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'DW-CONFLICT' });
    expect(res.body.error.details[0]).toMatch(/screening .*POST \/v2\/screenings\/\{archiveId\}\/decision/);
    expect(await restrictionsOf(customerId)).toHaveLength(1);
    expect(await statusOf(customerId)).toBe('BLOCKED');
  });

  it('is lifted by the admin API with a reason, audited; without the token or a reason it is refused', async () => {
    const { customerId } = await screened('Dmitri', 'Karavanov', '1970-03-12');
    const [block] = await restrictionsOf(customerId);
    const path = `/admin/restrictions/${block?.id}/lift`;
    expect((await call('POST', path, { reason: 'Partner key is no admin token' })).status).toBe(401);
    expect((await admin('POST', path, {})).status).toBe(400);
    expect(
      (
        await admin('POST', '/admin/restrictions/00000000-0000-4000-8000-000000000000/lift', {
          reason: 'none such',
        })
      ).status,
    ).toBe(404);
    const res = await admin('POST', path, { reason: 'Court order 2026-117' });
    expect(res.status).toBe(204);
    expect(await restrictionsOf(customerId)).toEqual([]);
    expect(await statusOf(customerId)).toBe('ACTIVE');
    const row = await handle.db
      .selectFrom('compliance_audit_log')
      .select(['action', 'actor', 'reason'])
      .where('restriction_id', '=', block?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ action: 'RESTRICTION_LIFTED', actor: 'ADMIN', reason: 'Court order 2026-117' });
    expect((await admin('POST', path, { reason: 'Twice' })).status).toBe(404);
  });
});
