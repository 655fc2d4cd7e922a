import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

// A small cap, so that the test can reach it.
const MAX = 5;
let api: TestApi;
let replica: TestApi;
let call: ReturnType<typeof client>;
let callReplica: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
let n = 0;

const address = { addressLine1: 'Main Street', city: 'Berlin', countryCode: 'DEU', postalCode: '10115' };

/** Screens a person through the given API process; the customer is created there as well. */
async function screenOn(via: ReturnType<typeof client>, firstName: string, lastName: string) {
  const externalId = `bl-${++n}`;
  await via('POST', '/v2/customer-persons', { externalId, email: 'a@b.co', registrationIp: '198.51.100.1' });
  const res = await via('PATCH', `/accounts/${externalId}`, {
    billingAddress: address,
    consumer: { firstName, lastName, dateOfBirth: '1981-04-02' },
  });
  return res.body.providerResponse.complianceData[0] as { trafficLight: string; hitType?: string };
}

beforeAll(async () => {
  api = await startTestApi({ BLACK_LIST_MAX_ENTRIES: String(MAX) });
  // A second API process on the same database: another replica, with its own in-memory indexes.
  replica = await startTestApi({
    DATABASE_URL: api.database.connectionString,
    BLACK_LIST_MAX_ENTRIES: String(MAX),
  });
  const tenant = await api.createTenant();
  call = client(api.url, tenant.apiKey);
  callReplica = client(replica.url, tenant.apiKey);
  other = client(api.url, (await api.createTenant()).apiKey);
});
afterAll(async () => {
  await replica.stop();
  await api.stop();
});

describe('black lists', () => {
  it('counts a change at the next screening on every replica, and only for its tenant', async () => {
    // Index built on the replica while the list is empty, then the list changes on the other process.
    expect((await screenOn(callReplica, 'Quirin', 'Blacklistov')).trafficLight).toBe('GREEN');
    const added = await call('POST', '/v2/black-list-entries', {
      subject: 'PERSON',
      name: 'BLACKLISTOV, Quirin',
      birthdate: '1981-04-02',
    });
    expect(added.status).toBe(201);
    expect(await screenOn(callReplica, 'Quirin', 'Blacklistov')).toMatchObject({
      trafficLight: 'RED',
      hitType: 'BL',
    });
    expect((await screenOn(other, 'Quirin', 'Blacklistov')).trafficLight).toBe('GREEN');
    expect((await call('DELETE', `/v2/black-list-entries/${added.body.id}`)).status).toBe(204);
    expect((await screenOn(callReplica, 'Quirin', 'Blacklistov')).trafficLight).toBe('GREEN');
  });

  it(`refuses entry ${MAX + 1} with 409 in the /v2 envelope, and takes one again after a removal`, async () => {
    const tenant = client(api.url, (await api.createTenant()).apiKey);
    const ids: string[] = [];
    const results = await Promise.all(
      Array.from({ length: MAX + 2 }, (_, i) =>
        tenant('POST', '/v2/black-list-entries', { subject: 'COMPANY', name: `Capped Example ${i} Ltd` }),
      ),
    );
    for (const r of results) if (r.status === 201) ids.push(r.body.id);
    // Concurrent additions: exactly MAX get in, the rest are refused.
    expect(results.map((r) => r.status).sort()).toEqual([...Array(MAX).fill(201), 409, 409]);
    const refused = results.find((r) => r.status === 409);
    expect(refused?.body.error).toMatchObject({ code: 'DW-CONFLICT' });
    expect(refused?.body.error.details[0]).toMatch(`maximum of ${MAX} entries`);
    expect((await tenant('DELETE', `/v2/black-list-entries/${ids[0]}`)).status).toBe(204);
    expect(
      (await tenant('POST', '/v2/black-list-entries', { subject: 'COMPANY', name: 'Late Ltd' })).status,
    ).toBe(201);
    // The other tenant's own list is not affected by this one's cap.
    expect(
      (await other('POST', '/v2/black-list-entries', { subject: 'COMPANY', name: 'Other Ltd' })).status,
    ).toBe(201);
  });

  it('pages the list in creation order with a Link to the next page', async () => {
    const tenant = client(api.url, (await api.createTenant()).apiKey);
    for (let i = 0; i < 5; i++)
      await tenant('POST', '/v2/black-list-entries', { subject: 'COMPANY', name: `Paged ${i} Ltd` });
    const first = await tenant('GET', '/v2/black-list-entries?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.map((e: { name: string }) => e.name)).toEqual(['Paged 0 Ltd', 'Paged 1 Ltd']);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBe(`/v2/black-list-entries?limit=2&after=${first.headers.get('x-next-cursor')}`);
    const second = await tenant('GET', next ?? '');
    expect(second.body.map((e: { name: string }) => e.name)).toEqual(['Paged 2 Ltd', 'Paged 3 Ltd']);
    const last = await tenant('GET', `/v2/black-list-entries?after=${second.body[1].id}&limit=2`);
    expect(last.body.map((e: { name: string }) => e.name)).toEqual(['Paged 4 Ltd']);
    expect(last.headers.get('link')).toBeNull();
    expect((await tenant('GET', '/v2/black-list-entries?limit=501')).status).toBe(400);
    // Another tenant's entry is no cursor here.
    expect((await other('GET', `/v2/black-list-entries?after=${first.body[0].id}`)).status).toBe(404);
  });
});
