import { afterAll, beforeAll, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const entry = (name: string) => ({ subject: 'PERSON', name });
const withKey = (key: string) => ({ 'idempotency-key': key });

it('replays the stored answer for the same key and body, creating nothing more', async () => {
  const call = client(api.url, (await api.createTenant()).apiKey);
  const first = await call('POST', '/v2/black-list-entries', entry('Once Only'), withKey('k-1'));
  expect(first.status).toBe(201);
  expect(first.headers.get('idempotent-replayed')).toBeNull();
  const again = await call('POST', '/v2/black-list-entries', entry('Once Only'), withKey('k-1'));
  expect(again.status).toBe(201);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(again.headers.get('content-type')).toMatch(/^application\/json/);
  expect(again.body).toEqual(first.body);
  const listed = await call('GET', '/v2/black-list-entries');
  expect(listed.body).toHaveLength(1);
  // Without a key, every POST creates.
  await call('POST', '/v2/black-list-entries', entry('Once Only'));
  expect((await call('GET', '/v2/black-list-entries')).body).toHaveLength(2);
});

it('answers 409 for the same key with another body or another route; keys are per tenant', async () => {
  const one = client(api.url, (await api.createTenant()).apiKey);
  const other = client(api.url, (await api.createTenant()).apiKey);
  expect((await one('POST', '/v2/black-list-entries', entry('First'), withKey('shared'))).status).toBe(201);
  const otherBody = await one('POST', '/v2/black-list-entries', entry('Second'), withKey('shared'));
  expect(otherBody.status).toBe(409);
  expect(otherBody.body.error.code).toBe('DW-CONFLICT');
  const customer = { externalId: 'idem-1', email: 'a@b.co', registrationIp: '198.51.100.1' };
  expect((await one('POST', '/v2/customer-persons', customer, withKey('shared'))).status).toBe(409);
  // Another tenant's identical key is its own.
  const theirs = await other('POST', '/v2/black-list-entries', entry('Second'), withKey('shared'));
  expect(theirs.status).toBe(201);
  expect(theirs.headers.get('idempotent-replayed')).toBeNull();
  expect((await one('GET', '/v2/black-list-entries')).body).toHaveLength(1);
});

it('a retried customer and account POST create one of each', async () => {
  const call = client(api.url, (await api.createTenant()).apiKey);
  const body = { externalId: 'retried', email: 'a@b.co', registrationIp: '198.51.100.1' };
  const first = await call('POST', '/v2/customer-persons', body, withKey('c-1'));
  const retry = await call('POST', '/v2/customer-persons', body, withKey('c-1'));
  expect([first.status, retry.status]).toEqual([201, 201]);
  expect(retry.body.id).toBe(first.body.id);
  const path = `/v2/customer-persons/${first.body.id}/accounts`;
  const account = await call('POST', path, { currencyCode: 'EUR' }, withKey('a-1'));
  const accountRetry = await call('POST', path, { currencyCode: 'EUR' }, withKey('a-1'));
  expect(accountRetry.body.id).toBe(account.body.id);
  expect((await call('GET', `/v2/customer-persons/${first.body.id}`)).body.accounts).toHaveLength(1);
  // A stored 4xx is replayed too.
  const missing = await call(
    'POST',
    '/v2/customer-persons/99999999/accounts',
    { currencyCode: 'EUR' },
    withKey('m'),
  );
  const missingAgain = await call(
    'POST',
    '/v2/customer-persons/99999999/accounts',
    { currencyCode: 'EUR' },
    withKey('m'),
  );
  expect([missing.status, missingAgain.status]).toEqual([404, 404]);
  expect(missingAgain.headers.get('idempotent-replayed')).toBe('true');
});

it('two concurrent requests with one key create one entry', async () => {
  const call = client(api.url, (await api.createTenant()).apiKey);
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => call('POST', '/v2/black-list-entries', entry('Racing'), withKey('race'))),
  );
  for (const a of answers) expect([201, 409]).toContain(a.status);
  expect(answers.filter((a) => a.status === 201 && !a.headers.get('idempotent-replayed'))).toHaveLength(1);
  expect((await call('GET', '/v2/black-list-entries')).body).toHaveLength(1);
});

it('works on /v1 in its envelope, and refuses a malformed key with a field error', async () => {
  const tenant = await api.createTenant();
  const call = client(api.url, tenant.apiKey);
  const customer = await call('POST', '/v2/customer-persons', {
    externalId: 'v1-idem',
    email: 'a@b.co',
    registrationIp: '198.51.100.1',
  });
  const feed = `/v1/${tenant.name}/accounts/${customer.body.id}/notifications`;
  const note = { type: 'SUCCESS', messageType: 'wallet_verified' };
  const first = await call('POST', feed, note, withKey('n-1'));
  expect(first.status).toBe(201);
  const replay = await call('POST', feed, note, withKey('n-1'));
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  expect(replay.body).toEqual(first.body);
  expect(
    (await call('POST', feed, { ...note, type: 'ERROR' }, withKey('n-1'))).body.errors[0].error_code,
  ).toBe('status_conflict');
  const bad = await call('POST', '/v2/black-list-entries', entry('Bad Key'), withKey('x'.repeat(256)));
  expect(bad.status).toBe(400);
  expect(bad.body.error.fieldErrors[0].field).toBe('Idempotency-Key');
});
