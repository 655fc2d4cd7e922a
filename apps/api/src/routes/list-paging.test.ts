import { createDb, type DbHandle } from '@wallet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, client, startTestApi, type TestApi } from '../testing/harness.js';

type Call = ReturnType<typeof client>;

let api: TestApi;
let handle: DbHandle;
let tenant: { name: string; apiKey: string };
let call: Call;
let n = 0;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.createTenant(`paging-${process.pid}`);
  call = client(api.url, tenant.apiKey);
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
});
afterAll(async () => {
  await handle.destroy();
  await api.stop();
});

const cursorOf = (list: string, ...values: string[]) =>
  Buffer.from(JSON.stringify([list, ...values])).toString('base64url');

/**
 * Follows `Link: <…>; rel="next"` from `first` to the last page, calling `between` after the first
 * page (to insert rows while a client pages). Checks that X-Next-Cursor and Link agree on every page.
 */
async function pageThrough(
  via: Call,
  first: string,
  idOf: (row: never) => string,
  between?: () => Promise<void>,
) {
  const ids: string[] = [];
  let path: string | undefined = first;
  let pages = 0;
  while (path) {
    const res = await via('GET', path);
    expect(res.status, path).toBe(200);
    ids.push(...res.body.map(idOf));
    const link = res.headers.get('link');
    const cursor = res.headers.get('x-next-cursor');
    path = link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
    if (path) expect(new URL(path, api.url).searchParams.get('after')).toBe(cursor);
    else expect(cursor).toBeNull();
    if (++pages === 1 && between) await between();
    expect(pages).toBeLessThan(50);
  }
  return { ids, pages };
}

const byId = (row: { id: string }) => String(row.id);

async function newCustomer(via: Call = call) {
  const res = await via('POST', '/v2/customer-persons', {
    externalId: `paging-${++n}`,
    email: 'p@example.com',
    registrationIp: '198.51.100.7',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('cursor paging, the same on every list', () => {
  it('customers: every row once, rows inserted between pages included, 50 by default', async () => {
    const before = [];
    for (let i = 0; i < 7; i++) before.push(await newCustomer());
    const inserted: string[] = [];
    const { ids, pages } = await pageThrough(call, '/v2/customer-persons?limit=3', byId, async () => {
      inserted.push(await newCustomer(), await newCustomer());
    });
    expect(ids).toEqual([...before, ...inserted]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(3);
    // The filter stays in the next page's Link.
    const res = await call('GET', `/v2/customer-persons?externalId=paging-1&limit=1`);
    expect(res.body).toHaveLength(1);
    expect(res.headers.get('link')).toBeNull();
    // Default page size is 50.
    for (let i = ids.length; i < 52; i++) await newCustomer();
    const full = await call('GET', '/v2/customer-persons');
    expect(full.body).toHaveLength(50);
    expect(full.headers.get('link')).toMatch(/^<\/v2\/customer-persons\?after=[A-Za-z0-9_-]+>; rel="next"$/);
  });

  it('customers paged while others are created concurrently: no duplicate, none of the earlier missed', async () => {
    const own = client(api.url, (await api.createTenant()).apiKey);
    const before: string[] = [];
    for (let i = 0; i < 12; i++) before.push(await newCustomer(own));
    const creating = Promise.all(Array.from({ length: 12 }, () => newCustomer(own)));
    const { ids } = await pageThrough(own, '/v2/customer-persons?limit=5', byId);
    const created = await creating;
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, before.length)).toEqual(before);
    // In id order, and only rows of this tenant.
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
    for (const id of ids) expect([...before, ...created]).toContain(id);
  });

  it('webhook subscriptions, oldest first', async () => {
    const subscribe = async () => {
      const res = await call('POST', '/v2/webhook-subscriptions', {
        url: `https://93.184.216.34/hooks/${++n}`,
        eventTypes: ['Account.UPDATE'],
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const before = [await subscribe(), await subscribe(), await subscribe(), await subscribe()];
    const inserted: string[] = [];
    const { ids } = await pageThrough(call, '/v2/webhook-subscriptions?limit=2', byId, async () => {
      inserted.push(await subscribe());
    });
    expect(ids).toEqual([...before, ...inserted]);
  });

  it('deliveries, newest first: a delivery made meanwhile is newer than the cursor and not on later pages', async () => {
    const sub = (
      await call('POST', '/v2/webhook-subscriptions', {
        url: 'https://93.184.216.34/hooks/deliveries',
        eventTypes: ['Account.UPDATE'],
      })
    ).body;
    const customerId = await newCustomer();
    await call('POST', `/v2/customer-persons/${customerId}/accounts`, { currencyCode: 'USD' });
    await call('POST', `/v2/customer-persons/${customerId}/restrictions`, {
      name: 'ALL_TRANSACTIONS',
      reason: 'COMPLIANCE',
    });
    const event = await handle.db
      .selectFrom('account_events')
      .select(['event_id', 'account_id'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    // What the dispatcher records (it does not run in this file); the replays are the API's own.
    await handle.db
      .insertInto('webhook_deliveries')
      .values({ subscription_id: sub.id, event_id: event.event_id, account_id: event.account_id })
      .execute();
    const replay = async () => {
      const res = await call(
        'POST',
        `/v2/webhook-subscriptions/${sub.id}/deliveries/${event.event_id}/replay`,
      );
      expect(res.status).toBe(202);
      return String(res.body.id);
    };
    const made: string[] = [await replay(), await replay(), await replay(), await replay()];
    const all = (await call('GET', `/v2/webhook-subscriptions/${sub.id}/deliveries`)).body.map(byId);
    expect(all).toHaveLength(5);
    expect(all.slice(0, 4)).toEqual([...made].reverse());
    const { ids } = await pageThrough(
      call,
      `/v2/webhook-subscriptions/${sub.id}/deliveries?limit=2&eventId=${event.event_id}`,
      byId,
      async () => {
        await replay();
      },
    );
    expect(ids).toEqual(all);
    // The filter and the limit stay in the next page's Link.
    const first = await call(
      'GET',
      `/v2/webhook-subscriptions/${sub.id}/deliveries?limit=2&eventId=${event.event_id}`,
    );
    const next = new URL(/^<([^>]+)>/.exec(first.headers.get('link') ?? '')?.[1] ?? '/', api.url);
    expect(next.pathname).toBe(`/v2/webhook-subscriptions/${sub.id}/deliveries`);
    expect(Object.fromEntries(next.searchParams)).toEqual({
      limit: '2',
      eventId: event.event_id,
      after: first.headers.get('x-next-cursor'),
    });
  });

  it('black-list entries, in creation order; a bare entry id is still a cursor', async () => {
    const add = async () => {
      const res = await call('POST', '/v2/black-list-entries', {
        subject: 'COMPANY',
        name: `Paging ${++n} Ltd`,
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const before = [await add(), await add(), await add()];
    const inserted: string[] = [];
    const { ids } = await pageThrough(call, '/v2/black-list-entries?limit=2', byId, async () => {
      inserted.push(await add());
    });
    expect(ids).toEqual([...before, ...inserted]);
    const legacy = await call('GET', `/v2/black-list-entries?after=${before[0]}`);
    expect(legacy.body.map(byId)).toEqual([...before.slice(1), ...inserted]);
  });

  it('API keys (own and admin) and tenants (admin)', async () => {
    const admin = client(api.url, ADMIN_TOKEN);
    const initial = (await call('GET', '/v2/api-keys')).body.map(byId);
    const created: string[] = [];
    for (let i = 0; i < 3; i++)
      created.push((await call('POST', '/v2/api-keys', { label: `k${i}` })).body.id);
    const inserted: string[] = [];
    const own = await pageThrough(call, '/v2/api-keys?limit=2', byId, async () => {
      inserted.push((await call('POST', '/v2/api-keys', {})).body.id);
    });
    expect(own.ids).toEqual([...initial, ...created, ...inserted]);
    const viaAdmin = await pageThrough(admin, `/admin/tenants/${tenant.name}/api-keys?limit=1`, byId);
    expect(viaAdmin.ids).toEqual(own.ids);

    for (let i = 0; i < 3; i++) await api.createTenant(`paging-t${i}`);
    const later: string[] = [];
    const tenants = await pageThrough(
      admin,
      '/admin/tenants?limit=2',
      (t: { name: string }) => t.name,
      async () => {
        // Sorts after every name already listed ('z' > 'p'), so it is on a later page.
        later.push((await api.createTenant('zz-paging')).name);
      },
    );
    expect(tenants.ids).toEqual([...tenants.ids].sort());
    expect(tenants.ids).toContain('zz-paging');
    expect(new Set(tenants.ids).size).toBe(tenants.ids.length);
    expect(later).toEqual(['zz-paging']);
  });

  it('refuses a bad limit or a forged, garbled or foreign cursor with a 400 field error, never a 500', async () => {
    const admin = client(api.url, ADMIN_TOKEN);
    const sub = (
      await call('POST', '/v2/webhook-subscriptions', {
        url: 'https://93.184.216.34/hooks/bad',
        eventTypes: ['Account.UPDATE'],
      })
    ).body;
    const lists: [Call, string, string][] = [
      [call, '/v2/customer-persons', 'customers'],
      [call, '/v2/webhook-subscriptions', 'webhook-subscriptions'],
      [call, `/v2/webhook-subscriptions/${sub.id}/deliveries`, 'webhook-deliveries'],
      [call, '/v2/black-list-entries', 'black-list-entries'],
      [call, '/v2/api-keys', 'api-keys'],
      [admin, `/admin/tenants/${tenant.name}/api-keys`, 'api-keys'],
      [admin, '/admin/tenants', 'tenants'],
    ];
    const badLimits = ['0', '101', '-1', 'abc', '1e1', '', '10.5', '99999999999'];
    const badCursors = [
      'garbage!',
      'not-base64-json',
      Buffer.from('[1,2').toString('base64url'),
      cursorOf('customers', '99999999999999999999'),
      cursorOf('customers', '9223372036854775808'),
      cursorOf('webhook-deliveries', '-1'),
      cursorOf('black-list-entries', '999999999999999999999', '00000000-0000-0000-0000-000000000000'),
      cursorOf('api-keys', '1', 'not-a-uuid'),
      cursorOf('tenants', 'a\u0000b'),
      cursorOf('elsewhere', '1'),
      'A'.repeat(600),
    ];
    for (const [via, path, list] of lists) {
      for (const limit of badLimits) {
        const res = await via('GET', `${path}?limit=${limit}`);
        expect(res.status, `${path} limit=${limit}`).toBe(400);
        expect(res.body.error).toMatchObject({ code: '5068', fieldErrors: [{ field: 'limit' }] });
      }
      for (const after of badCursors) {
        const res = await via('GET', `${path}?after=${encodeURIComponent(after)}`);
        expect(res.status, `${path} after=${after}`).toBe(400);
        expect(res.body.error.fieldErrors).toEqual([
          { field: 'after', error: 'must be a cursor given by this list (its Link or X-Next-Cursor)' },
        ]);
      }
      // A cursor of another list is refused as well.
      const foreign = cursorOf(list === 'customers' ? 'webhook-deliveries' : 'customers', '1');
      expect((await via('GET', `${path}?after=${foreign}`)).status).toBe(400);
      // An unknown parameter is a field error too.
      expect((await via('GET', `${path}?offset=2`)).status).toBe(400);
    }
    // The largest values that fit are taken (and find nothing after them).
    const max = [
      ['/v2/customer-persons', cursorOf('customers', '9223372036854775807')],
      [
        '/v2/black-list-entries',
        cursorOf('black-list-entries', '253402300799999999', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
      ],
    ] as const;
    for (const [path, after] of max) {
      const res = await call('GET', `${path}?after=${after}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
    }
  });
  it('accounts: a customer’s accounts once each, in opening order, rows opened between pages included', async () => {
    // A tenant of its own: the customers test counts every customer of the shared one.
    const own = await api.createTenant(`paging-accounts-${process.pid}`);
    const as = client(api.url, own.apiKey);
    const customer = await newCustomer(as);
    const open = async () => {
      const res = await as('POST', `/v2/customer-persons/${customer}/accounts`, { currencyCode: 'EUR' });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const before = [];
    for (let i = 0; i < 5; i++) before.push(await open());
    const inserted: string[] = [];
    const { ids, pages } = await pageThrough(
      as,
      `/v2/customer-persons/${customer}/accounts?limit=2`,
      byId,
      async () => {
        inserted.push(await open());
      },
    );
    expect(ids).toEqual([...before, ...inserted]);
    expect(pages).toBe(3);
    const forged = await as(
      'GET',
      `/v2/customer-persons/${customer}/accounts?after=${cursorOf('accounts', '9'.repeat(19))}`,
    );
    expect(forged.status).toBe(400);
    const other = await api.createTenant(`paging-other-${process.pid}`);
    const foreign = await client(api.url, other.apiKey)('GET', `/v2/customer-persons/${customer}/accounts`);
    expect(foreign.body.error.code).toBe('DW-NOT-FOUND');
    expect(foreign.status).toBe(404);
  });
});
