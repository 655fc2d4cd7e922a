import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotificationWorld, notificationWorld, type Seed } from '../testing/notification-world.js';

let world: NotificationWorld;
let userId: string;
/** Seeded rows with their ids, in insertion order. */
let rows: (Seed & { id: number })[];

const T0 = Date.UTC(2025, 0, 1);
const TYPES = ['ERROR', 'INFORMATION', 'SUCCESS', 'WARNING'] as const;
const MESSAGES = ['wallet_verified', 'idnow_link', 'user_kyc_submitted'] as const;

beforeAll(async () => {
  world = await notificationWorld();
  userId = await world.mine.customer();
  // 30 rows; createdAt repeats every third row (ties broken by id), updatedAt runs the other way.
  const seeds: Seed[] = Array.from({ length: 30 }, (_, i) => ({
    messageType: MESSAGES[i % 3] as Seed['messageType'],
    type: TYPES[i % 4] as Seed['type'],
    state: i % 5 === 0 ? 'SEEN' : 'UNSEEN',
    createdAt: T0 + Math.floor(i / 3) * 1000,
    updatedAt: T0 + (30 - i) * 7,
  }));
  const ids = await world.seed(world.mine, userId, seeds);
  rows = seeds.map((s, i) => ({ ...s, id: Number(ids[i]) }));
  // Noise: another customer of ours and a customer of another tenant.
  await world.seed(world.mine, await world.mine.customer(), [
    { messageType: 'wallet_verified', type: 'SUCCESS' },
  ]);
  await world.seed(world.theirs, await world.theirs.customer(), [
    { messageType: 'wallet_verified', type: 'SUCCESS' },
  ]);
});
afterAll(() => world.stop());

const get = (query: string) => world.mine.call('GET', world.mine.feed(userId, query));
const idsOf = (body: { id: number }[]) => body.map((n) => n.id);
const by = (key: (r: (typeof rows)[number]) => number, dir: 1 | -1) =>
  [...rows].sort((a, b) => dir * (key(a) - key(b) || a.id - b.id)).map((r) => r.id);

describe('ordering', () => {
  it('defaults to createdAt:desc, ties by id desc, 20 per page', async () => {
    const res = await get('');
    expect(idsOf(res.body)).toEqual(by((r) => r.createdAt ?? 0, -1).slice(0, 20));
    expect(res.body[0].createdAt).toBe(T0 + 9000);
    expect(res.headers.get('x-total-count')).toBe('30');
  });

  it('orders by each field both ways, ties by id in the same direction', async () => {
    const expectations: [string, number[]][] = [
      ['createdAt:asc', by((r) => r.createdAt ?? 0, 1)],
      ['createdAt:desc', by((r) => r.createdAt ?? 0, -1)],
      ['createdAt', by((r) => r.createdAt ?? 0, -1)],
      ['updatedAt:asc', by((r) => r.updatedAt ?? 0, 1)],
      ['updatedAt:desc', by((r) => r.updatedAt ?? 0, -1)],
      ['id:asc', by((r) => r.id, 1)],
      ['id:desc', by((r) => r.id, -1)],
    ];
    for (const [orderBy, expected] of expectations) {
      const res = await get(`?orderBy=${orderBy}&limit=100`);
      expect([orderBy, idsOf(res.body)]).toEqual([orderBy, expected]);
    }
  });
});

describe('filter', () => {
  it('ANDs fields and ORs the values of one field, and counts the matches', async () => {
    const cases: [string, (r: Seed) => boolean][] = [
      ['state:UNSEEN', (r) => r.state === 'UNSEEN'],
      ['state:SEEN|UNSEEN', () => true],
      ['state:SEEN', (r) => r.state === 'SEEN'],
      ['type:ERROR|WARNING', (r) => r.type === 'ERROR' || r.type === 'WARNING'],
      [
        'state:UNSEEN,type:ERROR,messageType:wallet_verified',
        (r) => r.state === 'UNSEEN' && r.type === 'ERROR' && r.messageType === 'wallet_verified',
      ],
      [
        'messageType:user_kyc_submitted|idnow_link,state:SEEN',
        (r) => r.state === 'SEEN' && r.messageType !== 'wallet_verified',
      ],
      ['messageType:market_payment_failure', () => false],
    ];
    for (const [filter, keep] of cases) {
      const expected = by((r) => r.createdAt ?? 0, -1).filter((id) =>
        keep(rows.find((r) => r.id === id) as Seed),
      );
      const res = await get(`?filter=${encodeURIComponent(filter)}&limit=100`);
      expect([filter, res.status, idsOf(res.body)]).toEqual([filter, 200, expected]);
      expect(res.headers.get('x-total-count')).toBe(String(expected.length));
    }
  });

  it('counts the unseen ones in X-Total-Count whatever the page size', async () => {
    const res = await get('?filter=state:UNSEEN&limit=1');
    expect(res.body).toHaveLength(1);
    expect(res.headers.get('x-total-count')).toBe(String(rows.filter((r) => r.state === 'UNSEEN').length));
  });
});

describe('paging', () => {
  it('pages with limit and offset over the same order', async () => {
    const all = by((r) => r.createdAt ?? 0, -1);
    expect(idsOf((await get('?limit=7&offset=0')).body)).toEqual(all.slice(0, 7));
    expect(idsOf((await get('?limit=7&offset=7')).body)).toEqual(all.slice(7, 14));
    expect(idsOf((await get('?limit=7&offset=28')).body)).toEqual(all.slice(28));
    expect((await get('?offset=30')).body).toEqual([]);
  });

  it('walks every order with the keyset cursor, across ties, to the same list as one page', async () => {
    for (const orderBy of ['createdAt:desc', 'createdAt:asc', 'updatedAt:desc', 'id:asc']) {
      const whole = idsOf((await get(`?orderBy=${orderBy}&limit=100&filter=state:UNSEEN`)).body);
      const walked: number[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res = await get(
          `?orderBy=${orderBy}&limit=4&filter=state:UNSEEN${after ? `&after=${after}` : ''}`,
        );
        expect(res.status).toBe(200);
        walked.push(...idsOf(res.body));
        after = res.headers.get('x-next-cursor');
        if (!after) break;
      }
      expect([orderBy, walked]).toEqual([orderBy, whole]);
    }
  });

  it('gives no cursor on a page that is not full, and refuses a cursor of another order or with offset', async () => {
    expect((await get('?limit=100')).headers.get('x-next-cursor')).toBeNull();
    const cursor = (await get('?limit=2')).headers.get('x-next-cursor') as string;
    const otherOrder = await get(`?orderBy=id:desc&after=${cursor}`);
    expect(otherOrder.status).toBe(400);
    expect(otherOrder.body.errors).toEqual([
      { error_code: 'validation_error', message: 'was issued for orderBy=createdAt:desc', name: 'after' },
    ]);
    const withOffset = await get(`?after=${cursor}&offset=2`);
    expect(withOffset.body.errors).toEqual([
      { error_code: 'validation_error', message: 'cannot be combined with after', name: 'offset' },
    ]);
    const forged = Buffer.from('n1:createdAt:desc:9999999999999999:1').toString('base64url');
    expect((await get(`?after=${forged}`)).body.errors[0]).toMatchObject({
      error_code: 'validation_error',
      name: 'after',
    });
  });
});
