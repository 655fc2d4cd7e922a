import { createDb, type DbHandle } from '@wallet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

type Call = ReturnType<typeof client>;

let api: TestApi;
let handle: DbHandle;
let n = 0;

beforeAll(async () => {
  api = await startTestApi();
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
});
afterAll(async () => {
  await handle.destroy();
  await api.stop();
});

const withKey = (key: string) => ({ 'idempotency-key': key });

async function newTenant() {
  const tenant = await api.createTenant();
  return { ...tenant, call: client(api.url, tenant.apiKey) };
}

async function customerOf(call: Call) {
  const res = await call('POST', '/v2/customer-persons', {
    externalId: `idem-${++n}`,
    email: 'a@b.co',
    registrationIp: '198.51.100.9',
  });
  return res.body.id as string;
}

interface Create {
  path: string;
  body?: object;
  otherBody: object;
  /** How many of the things this POST creates exist now. */
  count(): Promise<number>;
}

/** Each POST that creates something, set up afresh in a tenant. `secret`: the member shown once. */
const CREATES: {
  name: string;
  secret?: string;
  setUp(tenant: Awaited<ReturnType<typeof newTenant>>): Promise<Create>;
}[] = [
  {
    name: 'customer',
    async setUp({ call }) {
      const body = { externalId: `c-${++n}`, email: 'a@b.co', registrationIp: '198.51.100.1' };
      return {
        path: '/v2/customer-persons',
        body,
        otherBody: { ...body, email: 'other@b.co' },
        count: async () =>
          (await call('GET', `/v2/customer-persons?externalId=${body.externalId}`)).body.length,
      };
    },
  },
  {
    name: 'account',
    async setUp({ call }) {
      const id = await customerOf(call);
      return {
        path: `/v2/customer-persons/${id}/accounts`,
        body: { currencyCode: 'EUR' },
        otherBody: { currencyCode: 'USD' },
        count: async () => (await call('GET', `/v2/customer-persons/${id}`)).body.accounts.length,
      };
    },
  },
  {
    name: 'virtual instrument request',
    async setUp({ call }) {
      const id = await customerOf(call);
      const account = (await call('POST', `/v2/customer-persons/${id}/accounts`, { currencyCode: 'EUR' }))
        .body;
      return {
        path: `/v2/customer-persons/${id}/accounts/${account.id}/virtual-instruments`,
        body: { instrumentType: 'SEPA_BANK_ACCOUNT' },
        otherBody: { instrumentType: 'UK_BANK_ACCOUNT' },
        count: async () =>
          (await call('GET', `/v2/customer-persons/${id}`)).body.accounts[0].virtualAccountAssignmentStatus
            .length,
      };
    },
  },
  {
    name: 'restriction',
    async setUp({ call }) {
      const id = await customerOf(call);
      return {
        path: `/v2/customer-persons/${id}/restrictions`,
        body: { name: 'OUTGOING_TRANSACTIONS', reason: 'RISK_CONTROLS' },
        otherBody: { name: 'INCOMING_TRANSACTIONS', reason: 'RISK_CONTROLS' },
        count: async () => (await call('GET', `/v2/customer-persons/${id}`)).body.restrictions.length,
      };
    },
  },
  {
    name: 'black-list entry',
    async setUp({ call }) {
      const name = `Idem ${++n} Ltd`;
      return {
        path: '/v2/black-list-entries',
        body: { subject: 'COMPANY', name },
        otherBody: { subject: 'COMPANY', name: `${name} Other` },
        count: async () =>
          (await call('GET', '/v2/black-list-entries?limit=100')).body.filter(
            (e: { name: string }) => e.name === name,
          ).length,
      };
    },
  },
  {
    name: 'webhook subscription',
    secret: 'secret',
    async setUp({ call }) {
      const url = `https://93.184.216.34/hooks/idem-${++n}`;
      return {
        path: '/v2/webhook-subscriptions',
        body: { url, eventTypes: ['Account.UPDATE'] },
        otherBody: { url: `${url}-other`, eventTypes: ['Account.UPDATE'] },
        count: async () =>
          (await call('GET', '/v2/webhook-subscriptions?limit=100')).body.filter(
            (s: { url: string }) => s.url === url,
          ).length,
      };
    },
  },
  {
    name: 'delivery replay',
    async setUp({ call }) {
      const sub = (
        await call('POST', '/v2/webhook-subscriptions', {
          url: `https://93.184.216.34/hooks/replay-${++n}`,
          eventTypes: ['Account.UPDATE'],
        })
      ).body;
      const id = await customerOf(call);
      await call('POST', `/v2/customer-persons/${id}/accounts`, { currencyCode: 'USD' });
      await call('POST', `/v2/customer-persons/${id}/restrictions`, {
        name: 'ALL_TRANSACTIONS',
        reason: 'COMPLIANCE',
      });
      const events = await handle.db
        .selectFrom('account_events')
        .innerJoin('accounts', 'accounts.id', 'account_events.account_id')
        .select(['account_events.event_id', 'account_events.account_id'])
        .where('accounts.customer_id', '=', id)
        .execute();
      const [event] = events;
      if (!event) throw new Error('no event');
      await handle.db
        .insertInto('webhook_deliveries')
        .values({ subscription_id: sub.id, event_id: event.event_id, account_id: event.account_id })
        .execute();
      return {
        path: `/v2/webhook-subscriptions/${sub.id}/deliveries/${event.event_id}/replay`,
        otherBody: {},
        count: async () =>
          (await call('GET', `/v2/webhook-subscriptions/${sub.id}/deliveries`)).body.filter(
            (d: { replay: boolean }) => d.replay,
          ).length,
      };
    },
  },
  {
    name: 'recovery',
    async setUp({ call }) {
      const sub = (
        await call('POST', '/v2/webhook-subscriptions', {
          url: `https://93.184.216.34/hooks/recover-${++n}`,
          eventTypes: ['Account.UPDATE'],
        })
      ).body;
      const id = await customerOf(call);
      await call('POST', `/v2/customer-persons/${id}/accounts`, { currencyCode: 'USD' });
      await call('POST', `/v2/customer-persons/${id}/restrictions`, {
        name: 'ALL_TRANSACTIONS',
        reason: 'COMPLIANCE',
      });
      const [event] = await handle.db
        .selectFrom('account_events')
        .innerJoin('accounts', 'accounts.id', 'account_events.account_id')
        .select(['account_events.event_id', 'account_events.account_id'])
        .where('accounts.customer_id', '=', id)
        .execute();
      if (!event) throw new Error('no event');
      await handle.db
        .insertInto('webhook_deliveries')
        .values({
          subscription_id: sub.id,
          event_id: event.event_id,
          account_id: event.account_id,
          state: 'FAILED',
        })
        .execute();
      return {
        path: `/v2/webhook-subscriptions/${sub.id}/recover`,
        body: { since: '2000-01-01T00:00:00Z' },
        otherBody: { since: '2000-01-02T00:00:00Z' },
        count: async () =>
          (await call('GET', `/v2/webhook-subscriptions/${sub.id}/deliveries`)).body.filter(
            (d: { replay: boolean }) => d.replay,
          ).length,
      };
    },
  },
  {
    name: 'API key',
    secret: 'apiKey',
    async setUp({ call }) {
      const label = `idem-${++n}`;
      return {
        path: '/v2/api-keys',
        body: { label },
        otherBody: { label: `${label}-other` },
        count: async () =>
          (await call('GET', '/v2/api-keys?limit=100')).body.filter(
            (k: { label: string }) => k.label === label,
          ).length,
      };
    },
  },
  {
    name: 'notification (/v1)',
    async setUp({ call, name }) {
      const id = await customerOf(call);
      const feed = `/v1/${name}/accounts/${id}/notifications`;
      return {
        path: feed,
        body: { type: 'SUCCESS', messageType: 'wallet_verified' },
        otherBody: { type: 'ERROR', messageType: 'wallet_verified' },
        count: async () => Number((await call('GET', feed)).headers.get('x-total-count')),
      };
    },
  },
];

const conflictOf = (res: { body: { error?: { code: string }; errors?: { error_code: string }[] } }) =>
  res.body.error?.code ?? res.body.errors?.[0]?.error_code;

describe.each(CREATES)('Idempotency-Key on POST: $name', ({ setUp, secret }) => {
  it('replays the same key and body, refuses another body (409), and keeps keys per tenant', async () => {
    const tenant = await newTenant();
    const create = await setUp(tenant);
    const first = await tenant.call('POST', create.path, create.body, withKey('k-1'));
    expect(first.status).toBeGreaterThanOrEqual(201);
    expect(first.status).toBeLessThan(300);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const again = await tenant.call('POST', create.path, create.body, withKey('k-1'));
    if (secret) {
      // The secret was shown once; the replay names what was created and shows no copy without it.
      expect(first.body[secret]).toEqual(expect.any(String));
      expect(again.status).toBe(409);
      expect(again.body.error.details.join(' ')).toContain(first.body.id);
      expect(again.text).not.toContain(first.body[secret]);
      const stored = await handle.db
        .selectFrom('idempotency_keys')
        .select('response_body')
        .where('key', '=', 'k-1')
        .execute();
      for (const row of stored) expect(row.response_body).not.toContain(first.body[secret]);
    } else {
      expect(again.status).toBe(first.status);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
    }
    expect(await create.count()).toBe(1);

    const other = await tenant.call('POST', create.path, create.otherBody, withKey('k-1'));
    expect(other.status).toBe(409);
    expect(['DW-CONFLICT', 'status_conflict']).toContain(conflictOf(other));
    expect(await create.count()).toBe(1);

    // Another tenant's same key is its own.
    const second = await newTenant();
    const theirs = await setUp(second);
    const own = await second.call('POST', theirs.path, theirs.body, withKey('k-1'));
    expect(own.status).toBe(first.status);
    expect(own.headers.get('idempotent-replayed')).toBeNull();
    expect(await theirs.count()).toBe(1);
  });

  it('creates once for concurrent duplicates, never a 500', async () => {
    const tenant = await newTenant();
    const create = await setUp(tenant);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => tenant.call('POST', create.path, create.body, withKey('race'))),
    );
    for (const a of answers)
      expect(a.status === 409 || (a.status >= 201 && a.status < 300), a.text).toBe(true);
    expect(answers.filter((a) => a.status < 300 && !a.headers.get('idempotent-replayed'))).toHaveLength(1);
    expect(await create.count()).toBe(1);
  });
});

it('refuses a malformed Idempotency-Key with a field error on every creating POST', async () => {
  const tenant = await newTenant();
  for (const { setUp } of CREATES) {
    const create = await setUp(tenant);
    for (const key of ['x'.repeat(256), 'has space', 'é']) {
      const res = await tenant.call('POST', create.path, create.body, withKey(key));
      expect(res.status, `${create.path} ${key}`).toBe(400);
      expect(JSON.stringify(res.body)).toContain('Idempotency-Key');
    }
    expect(await create.count()).toBe(0);
  }
});
