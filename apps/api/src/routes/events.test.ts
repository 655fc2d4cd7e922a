import { recordEvents } from '@wallet/core';
import { createDb, type DbHandle } from '@wallet/db';
import { WEBHOOK_SUBSCRIPTION_CANCELLED, WEBHOOK_SUBSCRIPTION_FAILING } from '@wallet/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
let handle: DbHandle;
let call: ReturnType<typeof client>;
let stranger: ReturnType<typeof client>;
let tenantId: string;
/** The tenant's events, oldest first. */
const recorded: string[] = [];
let accountEvent: string;

async function operational(eventType: string, subjectId: string) {
  const [id] = await api.services.db.transaction().execute((trx) =>
    recordEvents({ trx, boss: api.services.boss }, [
      {
        tenantId,
        eventType: eventType as typeof WEBHOOK_SUBSCRIPTION_FAILING,
        subjectType: 'WebhookSubscription',
        subjectId,
        orderingKey: subjectId,
        payload: {
          occurredAt: '2025-01-01T00:00:00.000Z',
          subscriptionId: subjectId,
          url: 'https://example.com/h',
        },
      },
    ]),
  );
  recorded.push(id as string);
  return id as string;
}

beforeAll(async () => {
  api = await startTestApi();
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
  const tenant = await api.createTenant();
  call = client(api.url, tenant.apiKey);
  stranger = client(api.url, (await api.createTenant()).apiKey);
  tenantId = (
    await handle.db
      .selectFrom('tenants')
      .select('id')
      .where('name', '=', tenant.name)
      .executeTakeFirstOrThrow()
  ).id;
  const customer = await call('POST', '/v2/customer-persons', {
    externalId: 'ev-1',
    email: 'a@b.co',
    registrationIp: '198.51.100.42',
  });
  await call('POST', `/v2/customer-persons/${customer.body.id}/accounts`, { currencyCode: 'USD' });
  await call('POST', `/v2/customer-persons/${customer.body.id}/restrictions`, {
    name: 'ALL_TRANSACTIONS',
    reason: 'COMPLIANCE',
  });
  const rows = await handle.db
    .selectFrom('events')
    .select('event_id')
    .where('tenant_id', '=', tenantId)
    .execute();
  expect(rows).toHaveLength(1);
  accountEvent = rows[0]?.event_id as string;
  recorded.push(accountEvent);
  for (let i = 0; i < 4; i++)
    await operational(WEBHOOK_SUBSCRIPTION_FAILING, `00000000-0000-4000-8000-00000000000${i}`);
  await operational(WEBHOOK_SUBSCRIPTION_CANCELLED, '00000000-0000-4000-8000-000000000000');
});
afterAll(async () => {
  await handle.destroy();
  await api.stop();
});

describe('GET /v2/events', () => {
  it('pages through the tenant’s events, newest first, with the X-Next-Cursor of each page that has a next', async () => {
    const seen: string[] = [];
    let path = '/v2/events?limit=2';
    for (let page = 0; page < 5; page++) {
      const res = await call('GET', path);
      expect(res.status).toBe(200);
      seen.push(...res.body.map((e: { eventId: string }) => e.eventId));
      const next = res.headers.get('x-next-cursor');
      if (!next) break;
      path = `/v2/events?limit=2&after=${next}`;
    }
    expect(seen).toEqual([...recorded].reverse());
    const first = await call('GET', '/v2/events?limit=7');
    expect(first.headers.get('x-next-cursor')).toBeNull();
    // Like every list: the last page carries no cursor and no Link, even when it is full.
    const full = await call('GET', '/v2/events?limit=6');
    expect(full.body).toHaveLength(6);
    expect(full.headers.get('x-next-cursor')).toBeNull();
    expect(full.headers.get('link')).toBeNull();
    expect(first.body.at(-1)).toEqual({
      eventId: accountEvent,
      eventName: 'Account.UPDATE',
      subject: { type: 'Account', id: expect.stringMatching(/^\d+$/) },
      orderingKey: first.body.at(-1).subject.id,
      payload: expect.objectContaining({ status: 'BLOCKED', accountType: 'WALLET' }),
      createdAt: expect.stringMatching(/Z$/),
    });
    // The payload as subscribers receive it: seed 001's key order.
    expect(Object.keys(first.body.at(-1).payload).slice(0, 3)).toEqual(['id', 'name', 'number']);
    expect(first.body[0]).toMatchObject({
      eventName: WEBHOOK_SUBSCRIPTION_CANCELLED,
      subject: { type: 'WebhookSubscription', id: '00000000-0000-4000-8000-000000000000' },
      orderingKey: '00000000-0000-4000-8000-000000000000',
    });
    expect(Object.keys(first.body[0].payload)).toEqual(['subscriptionId', 'url', 'occurredAt']);
  });

  it('filters by type and by creation time', async () => {
    const accounts = await call('GET', '/v2/events?type=Account.UPDATE');
    expect(accounts.body.map((e: { eventId: string }) => e.eventId)).toEqual([accountEvent]);
    const failing = await call('GET', `/v2/events?type=${WEBHOOK_SUBSCRIPTION_FAILING}&limit=3`);
    expect(failing.body.map((e: { eventId: string }) => e.eventId)).toEqual(recorded.slice(2, 5).reverse());
    expect(failing.headers.get('x-next-cursor')).not.toBeNull();

    // The account's event, moved into the past.
    await sql`UPDATE events SET created_at = '2020-06-01T00:00:00Z' WHERE event_id = ${accountEvent}`.execute(
      handle.db,
    );
    const old = await call('GET', '/v2/events?createdBefore=2021-01-01T00:00:00Z');
    expect(old.body.map((e: { eventId: string }) => e.eventId)).toEqual([accountEvent]);
    expect(old.body[0].createdAt).toBe('2020-06-01T00:00:00.000Z');
    const recent = await call('GET', '/v2/events?createdAfter=2021-01-01T00:00:00Z');
    expect(recent.body).toHaveLength(5);
    const window = await call(
      'GET',
      '/v2/events?createdAfter=2020-06-01T00:00:00Z&createdBefore=2020-06-01T00:00:00.001Z',
    );
    expect(window.body.map((e: { eventId: string }) => e.eventId)).toEqual([accountEvent]);
  });

  it('answers 400 with field errors for a bad limit, cursor, type or time', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['after=not-a-cursor', 'after'],
      [`after=${Buffer.from('n1:id:desc:1:1').toString('base64url')}`, 'after'],
      ['type=Account.CREATE', 'type'],
      ['createdAfter=yesterday', 'createdAfter'],
      ['createdAfter=2021-01-02T00:00:00Z&createdBefore=2021-01-01T00:00:00Z', 'createdBefore'],
      ['sort=asc', 'sort'],
    ]) {
      const res = await call('GET', `/v2/events?${query}`);
      expect(res.status, query).toBe(400);
      expect(
        res.body.error.fieldErrors.map((f: { field: string }) => f.field),
        query,
      ).toContain(field);
    }
  });

  it('shows another tenant none of these events', async () => {
    const res = await stranger('GET', '/v2/events');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });
});

describe('GET /v2/events/{eventId}', () => {
  it('shows the event with its deliveries per subscription: state, attempt count and the last attempt', async () => {
    const a = (
      await call('POST', '/v2/webhook-subscriptions', {
        url: 'https://93.184.216.34/a',
        eventTypes: ['Account.UPDATE'],
      })
    ).body;
    const b = (
      await call('POST', '/v2/webhook-subscriptions', {
        url: 'https://93.184.216.34/b',
        eventTypes: ['Account.UPDATE'],
      })
    ).body;
    // What the dispatcher records (it does not run in this file).
    const [delivered, pending] = await handle.db
      .insertInto('webhook_deliveries')
      .values([
        { subscription_id: a.id, event_id: accountEvent, state: 'DELIVERED', attempt_count: 2 },
        { subscription_id: b.id, event_id: accountEvent, state: 'PENDING' },
      ])
      .returning('id')
      .execute();
    const at = new Date('2025-03-04T05:06:07.000Z');
    await handle.db
      .insertInto('webhook_delivery_attempts')
      .values([
        {
          delivery_id: delivered?.id as string,
          attempt: 1,
          attempted_at: at,
          duration_ms: 300,
          status_code: null,
          error: 'timeout after 300 ms',
          response_body: null,
        },
        {
          delivery_id: delivered?.id as string,
          attempt: 2,
          attempted_at: new Date(at.getTime() + 5000),
          duration_ms: 12,
          status_code: 200,
          error: null,
          response_body: 'ok',
        },
      ])
      .execute();

    const res = await call('GET', `/v2/events/${accountEvent}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ eventId: accountEvent, eventName: 'Account.UPDATE' });
    expect(res.body.deliveries).toEqual([
      {
        deliveryId: delivered?.id,
        subscriptionId: a.id,
        url: 'https://93.184.216.34/a',
        replay: false,
        status: 'DELIVERED',
        attemptCount: 2,
        createdAt: expect.any(String),
        finishedAt: null,
        lastAttempt: { attempt: 2, attemptedAt: '2025-03-04T05:06:12.000Z', statusCode: 200, error: null },
      },
      {
        deliveryId: pending?.id,
        subscriptionId: b.id,
        url: 'https://93.184.216.34/b',
        replay: false,
        status: 'PENDING',
        attemptCount: 0,
        createdAt: expect.any(String),
        finishedAt: null,
        lastAttempt: null,
      },
    ]);
    const none = await call('GET', `/v2/events/${recorded[1]}`);
    expect(none.body.deliveries).toEqual([]);
  });

  it('is 404 in the v2 envelope for another tenant’s event, an unknown one and a malformed id', async () => {
    for (const [who, id] of [
      [stranger, accountEvent],
      [call, 'EVT999999999999'],
      [call, 'nope'],
    ] as const) {
      const res = await who('GET', `/v2/events/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'DW-NOT-FOUND' });
      expect(res.text).not.toContain(tenantId);
    }
  });
});

describe('subscriptions to the operational event types', () => {
  it('are accepted at creation and by PATCH, and answered with them; an unknown one is 400', async () => {
    const created = await call('POST', '/v2/webhook-subscriptions', {
      url: 'https://93.184.216.34/ops',
      eventTypes: [
        WEBHOOK_SUBSCRIPTION_FAILING,
        WEBHOOK_SUBSCRIPTION_CANCELLED,
        WEBHOOK_SUBSCRIPTION_FAILING,
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.eventTypes).toEqual([WEBHOOK_SUBSCRIPTION_CANCELLED, WEBHOOK_SUBSCRIPTION_FAILING]);
    const patched = await call('PATCH', `/v2/webhook-subscriptions/${created.body.id}`, {
      eventTypes: ['Account.UPDATE', WEBHOOK_SUBSCRIPTION_CANCELLED],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.eventTypes).toEqual(['Account.UPDATE', WEBHOOK_SUBSCRIPTION_CANCELLED]);
    const refused = await call('PATCH', `/v2/webhook-subscriptions/${created.body.id}`, {
      eventTypes: ['WebhookSubscription.DELETED'],
    });
    expect(refused.status).toBe(400);
  });
});
