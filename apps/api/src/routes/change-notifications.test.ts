import { createDb, type DbHandle } from '@wallet/db';
import { ensureQueues, QUEUES } from '@wallet/jobs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
let call: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
let handle: DbHandle;
let n = 0;

const DETAILS =
  'Either you submitted a request that is missing a mandatory field or the value of a field does not match the format expected.';
const fieldErrors = (...errors: [string, string][]) => ({
  error: {
    code: '5068',
    message: 'Field error(s)',
    details: [DETAILS],
    fieldErrors: errors.map(([field, error]) => ({ field, error })),
  },
});
const path = (customerId: string) => `/v2/customer-persons/${customerId}/change-notifications`;
const body = (changeTime = new Date(Date.now() - 1000 * ++n).toISOString()) => ({
  changeType: 'PASSWORD_CHANGED',
  changeTime,
});

async function newCustomer(caller = call): Promise<string> {
  const res = await caller('POST', '/v2/customer-persons', {
    externalId: `cn-${++n}`,
    email: 'a@b.co',
    registrationIp: '198.51.100.42',
  });
  return res.body.id as string;
}

async function stored(customerId: string) {
  return handle.db
    .selectFrom('change_notifications')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
}

async function jobsFor(notificationIds: string[]) {
  if (notificationIds.length === 0) return [];
  const { rows } = await sql<{ data: { notificationId: string; requestId: string } }>`
    SELECT data FROM pgboss.job WHERE name = ${QUEUES.changeNotification}
      AND data->>'notificationId' = ANY(${notificationIds})`.execute(handle.db);
  return rows;
}

beforeAll(async () => {
  api = await startTestApi();
  call = client(api.url, (await api.createTenant()).apiKey);
  other = client(api.url, (await api.createTenant()).apiKey);
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
});
afterAll(async () => {
  await handle.destroy();
  await api.stop();
});

describe('202', () => {
  it('stores the notification and enqueues its job, and answers with an empty body', async () => {
    const customer = await newCustomer();
    const res = await call('POST', path(customer), body('2024-07-29T15:51:28.123456Z'));
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    const rows = await stored(customer);
    expect(rows).toMatchObject([
      { change_type: 'PASSWORD_CHANGED', idempotency_key: null, processed_at: null },
    ]);
    expect(rows[0]?.change_time.toISOString()).toBe('2024-07-29T15:51:28.123Z');
    const jobs = await jobsFor(rows.map((r) => r.id));
    expect(jobs.map((j) => j.data)).toEqual([
      { notificationId: rows[0]?.id, requestId: res.headers.get('x-request-id') },
    ]);
  });

  it('takes any RFC 3339 offset and lowercase separators', async () => {
    const customer = await newCustomer();
    for (const changeTime of [
      '2024-07-29T17:51:28+02:00',
      '2024-07-29t15:51:29z',
      '2024-07-29T15:51:30.5-23:59',
    ]) {
      expect((await call('POST', path(customer), body(changeTime))).status).toBe(202);
    }
    expect((await stored(customer)).map((r) => r.change_time.toISOString()).sort()).toEqual([
      '2024-07-29T15:51:28.000Z',
      '2024-07-29T15:51:29.000Z',
      '2024-07-30T15:50:30.500Z',
    ]);
  });
});

describe('400', () => {
  it('INVALID_CUSTOMER_ID, before the body is looked at', async () => {
    for (const id of ['abc', '0', '-5', '12345678901234567890', '1.5']) {
      const res = await call('POST', path(id), {});
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: {
          code: 'DW-CUSTOMER-ID-SHOULD-BE-VALID',
          message: 'CustomerId is not supported',
          details: ['CustomerId should be a valid value'],
        },
      });
    }
  });

  it('a missing changeType or changeTime, exactly as the seed', async () => {
    const customer = await newCustomer();
    const noType = await call('POST', path(customer), { changeTime: '2024-07-29T15:51:28Z' });
    expect(noType.status).toBe(400);
    expect(noType.body).toEqual(fieldErrors(['changeType', 'must not be null']));
    const noTime = await call('POST', path(customer), { changeType: 'PASSWORD_CHANGED' });
    expect(noTime.body).toEqual(fieldErrors(['changeTime', 'must not be null']));
    const nulls = await call('POST', path(customer), { changeType: null, changeTime: null });
    expect(nulls.body).toEqual(
      fieldErrors(['changeType', 'must not be null'], ['changeTime', 'must not be null']),
    );
    expect(await stored(customer)).toEqual([]);
  });

  it('INVALID_CHANGE_TYPE says which values are allowed', async () => {
    const customer = await newCustomer();
    for (const changeType of ['EMAIL_CHANGED', 'password_changed', 7]) {
      const res = await call('POST', path(customer), { changeType, changeTime: '2024-07-29T15:51:28Z' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual(fieldErrors(['changeType', 'must be one of: PASSWORD_CHANGED']));
    }
  });

  it('INVALID_CHANGE_TIME says what is wrong', async () => {
    const customer = await newCustomer();
    const rfc = 'must be an RFC 3339 date-time (section 5.6), e.g. 2024-07-29T15:51:28Z';
    const cases: [unknown, string][] = [
      ['2024-07-29', rfc],
      ['2024-07-29T15:51:28', rfc],
      ['2024-07-29 15:51:28Z', rfc],
      ['2024-02-30T00:00:00Z', rfc],
      ['2016-12-31T23:59:60Z', rfc],
      ['0000-01-01T00:00:00Z', rfc],
      ['yesterday', rfc],
      [1722268288, 'must be a string'],
      ['2999-01-01T00:00:00Z', 'must not be in the future'],
    ];
    for (const [changeTime, error] of cases) {
      const res = await call('POST', path(customer), { changeType: 'PASSWORD_CHANGED', changeTime });
      expect(res.status, String(changeTime)).toBe(400);
      expect(res.body).toEqual(fieldErrors(['changeTime', error]));
    }
  });

  it('unknown fields, a bad Idempotency-Key and malformed JSON', async () => {
    const customer = await newCustomer();
    const extra = await call('POST', path(customer), { ...body(), note: 'x' });
    expect(extra.body).toEqual(fieldErrors(['note', 'unknown field']));
    const key = await call('POST', path(customer), body(), { 'idempotency-key': 'k'.repeat(256) });
    expect(key.body).toEqual(fieldErrors(['Idempotency-Key', 'must be 1-255 visible ASCII characters']));
    const malformed = await call('POST', path(customer), '{"changeType":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('DW-MALFORMED-REQUEST');
    expect(await stored(customer)).toEqual([]);
  });

  it('the body is checked before the customer is looked up', async () => {
    const foreign = await newCustomer(other);
    expect((await call('POST', path(foreign), { changeTime: 'x' })).status).toBe(400);
  });
});

describe('404', () => {
  it('a customer that does not exist in the caller tenant', async () => {
    const foreign = await newCustomer(other);
    for (const id of [foreign, '9007199254740991']) {
      const res = await call('POST', path(id), body());
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        error: { code: 'DW-NOT-FOUND', message: 'Not Found', details: ['Customer not found'] },
      });
    }
    expect(await stored(foreign)).toEqual([]);
  });
});

describe('idempotency', () => {
  it('the same customer, changeType and changeTime again is 202 and changes nothing', async () => {
    const customer = await newCustomer();
    const first = await call('POST', path(customer), body('2024-07-29T15:51:28Z'));
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // The same instant, written with another offset.
    const replay = await call('POST', path(customer), body('2024-07-29T17:51:28.000+02:00'));
    expect(replay.status).toBe(202);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const rows = await stored(customer);
    expect(rows).toHaveLength(1);
    expect(await jobsFor(rows.map((r) => r.id))).toHaveLength(1);
  });

  it('concurrent duplicates store one notification and one job', async () => {
    const customer = await newCustomer();
    const same = body('2024-07-29T15:51:28Z');
    const answers = await Promise.all(Array.from({ length: 10 }, () => call('POST', path(customer), same)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    const rows = await stored(customer);
    expect(rows).toHaveLength(1);
    expect(await jobsFor(rows.map((r) => r.id))).toHaveLength(1);
  });

  it('Idempotency-Key: the same body is a replay, another body is 409', async () => {
    const customer = await newCustomer();
    const key = { 'idempotency-key': `key-${customer}` };
    const first = await call('POST', path(customer), body('2024-07-29T15:51:28Z'), key);
    expect(first.status).toBe(202);
    const replay = await call('POST', path(customer), body('2024-07-29T15:51:28Z'), key);
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([202, 'true']);
    const changed = await call('POST', path(customer), body('2024-07-29T15:52:00Z'), key);
    expect(changed.status).toBe(409);
    expect(changed.body).toEqual({
      error: {
        code: 'DW-CONFLICT',
        message: 'Conflict',
        details: ['Idempotency-Key was already used for a different change notification'],
      },
    });
    const elsewhere = await call('POST', path(await newCustomer()), body('2024-07-29T15:51:28Z'), key);
    expect(elsewhere.status).toBe(409);
    // Another tenant's keys are its own.
    expect((await other('POST', path(await newCustomer(other)), body(), key)).status).toBe(202);
    const rows = await stored(customer);
    expect(rows.map((r) => r.idempotency_key)).toEqual([`key-${customer}`]);
    expect(await jobsFor(rows.map((r) => r.id))).toHaveLength(1);
  });
});

describe('503 and 500', () => {
  it('503 DW-SERVICE-UNAVAILABLE while the database is unreachable; the retry is accepted', async () => {
    const customer = await newCustomer();
    const same = body();
    await api.databaseProxy.cut();
    try {
      const res = await call('POST', path(customer), same);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body).toEqual({
        error: {
          code: 'DW-SERVICE-UNAVAILABLE',
          message: 'Service Unavailable',
          details: ['Service Unavailable'],
        },
      });
    } finally {
      await api.databaseProxy.restore();
    }
    expect((await call('POST', path(customer), same)).status).toBe(202);
    expect(await stored(customer)).toHaveLength(1);
  });

  it('500 DW-INTERNAL-SERVER-ERROR when the job cannot be enqueued, and nothing is stored', async () => {
    const customer = await newCustomer();
    // The queue is gone (a broken deployment): the notification must not be kept without its job.
    await api.services.boss.deleteQueue(QUEUES.changeNotification);
    try {
      const res = await call('POST', path(customer), body());
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        error: {
          code: 'DW-INTERNAL-SERVER-ERROR',
          message: 'Internal Server Error',
          details: ['There was an error while processing the operation'],
        },
      });
      expect(await stored(customer)).toEqual([]);
    } finally {
      await ensureQueues(api.services.boss);
    }
  });
});
