import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotificationWorld, notificationWorld } from '../testing/notification-world.js';

let world: NotificationWorld;
let userId: string;
let notificationId: number;

beforeAll(async () => {
  world = await notificationWorld();
  userId = await world.mine.customer();
  const [id] = await world.seed(world.mine, userId, [
    { messageType: 'user_kyc_submitted', type: 'INFORMATION', createdAt: Date.now() - 60_000 },
  ]);
  notificationId = Number(id);
});
afterAll(() => world.stop());

const put = (body: unknown, id: number | string = notificationId, user = userId) =>
  world.mine.call('PUT', world.mine.feed(user, `/${id}`), body);

describe('PUT /v1/{tenantName}/accounts/{userId}/notifications/{notificationId}', () => {
  it('answers 200 with the updated notification in an array; updatedAt moves only when the state does', async () => {
    const seen = await put({ state: 'SEEN' });
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual([
      expect.objectContaining({ id: notificationId, state: 'SEEN', userId: Number(userId) }),
    ]);
    const [n] = seen.body;
    expect(n.updatedAt).toBeGreaterThan(n.createdAt);
    const again = await put({ state: 'SEEN' });
    expect(again.body[0].updatedAt).toBe(n.updatedAt);
    const list = await world.mine.call('GET', world.mine.feed(userId, '?filter=state:UNSEEN'));
    expect(list.body).toEqual([]);
    expect(list.headers.get('x-total-count')).toBe('0');
    expect((await put({ state: 'UNSEEN' })).body[0].state).toBe('UNSEEN');
    const unseen = await world.mine.call('GET', world.mine.feed(userId, '?filter=state:UNSEEN'));
    expect(unseen.body).toHaveLength(1);
    expect(unseen.headers.get('x-total-count')).toBe('1');
    const seenOnly = await world.mine.call('GET', world.mine.feed(userId, '?filter=state:SEEN'));
    expect([seenOnly.body, seenOnly.headers.get('x-total-count')]).toEqual([[], '0']);
  });

  it('answers 400: validation_required for a missing state, validation_error for a bad one or a bad id', async () => {
    const cases: [unknown, string | number, [string, string][]][] = [
      [{}, notificationId, [['validation_required', 'state']]],
      [{ state: null }, notificationId, [['validation_required', 'state']]],
      [{ state: 'READ' }, notificationId, [['validation_error', 'state']]],
      [{ state: 5 }, notificationId, [['validation_error', 'state']]],
      [{ state: 'SEEN', pinned: true }, notificationId, [['validation_error', 'pinned']]],
      [{ state: 'SEEN' }, 'abc', [['validation_error', 'notificationId']]],
    ];
    for (const [body, id, expected] of cases) {
      const res = await put(body, id);
      expect([
        body,
        res.status,
        res.body.errors.map((e: { error_code: string; name: string }) => [e.error_code, e.name]),
      ]).toEqual([body, 400, expected]);
    }
    const malformed = await put('{"state":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].error_code).toBe('status_bad_request');
  });

  it('answers 404 for an unknown notification, or one of another customer', async () => {
    expect((await put({ state: 'SEEN' }, 999999999)).body).toEqual({
      errors: [{ error_code: 'status_not_found', message: 'Notification not found' }],
    });
    const otherCustomer = await world.mine.customer();
    expect((await put({ state: 'SEEN' }, notificationId, otherCustomer)).status).toBe(404);
    const theirs = await world.theirs.call('PUT', world.theirs.feed(userId, `/${notificationId}`), {
      state: 'SEEN',
    });
    expect(theirs.status).toBe(404);
    const forbidden = await world.theirs.call('PUT', world.mine.feed(userId, `/${notificationId}`), {
      state: 'SEEN',
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.errors[0].error_code).toBe('status_forbidden');
  });
});

describe('POST /v1/{tenantName}/accounts/{userId}/notifications', () => {
  it('answers 201 with the created UNSEEN notification in an array', async () => {
    const res = await world.mine.call('POST', world.mine.feed(userId), {
      messageType: 'idnow_link',
      type: 'INFORMATION',
      link: 'https://go.idnow.de/x1',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual([
      expect.objectContaining({
        messageType: 'idnow_link',
        type: 'INFORMATION',
        state: 'UNSEEN',
        link: 'https://go.idnow.de/x1',
        userId: Number(userId),
      }),
    ]);
    expect(res.body[0].createdAt).toBe(res.body[0].updatedAt);
    const listed = await world.mine.call('GET', world.mine.feed(userId, '?limit=1'));
    expect(listed.body).toEqual(res.body);
  });

  it('validates the body the same way, and scopes it like GET', async () => {
    const cases: [unknown, [string, string][]][] = [
      [{ messageType: 'idnow_link', type: 'INFORMATION' }, [['validation_required', 'link']]],
      [
        { messageType: 'idnow_link', type: 'INFORMATION', link: 'javascript:alert(1)' },
        [['validation_error', 'link']],
      ],
      [
        { messageType: 'user_logged_in', type: 'NOTICE' },
        [
          ['validation_error', 'messageType'],
          ['validation_error', 'type'],
        ],
      ],
      [
        {},
        [
          ['validation_required', 'messageType'],
          ['validation_required', 'type'],
        ],
      ],
    ];
    for (const [body, expected] of cases) {
      const res = await world.mine.call('POST', world.mine.feed(userId), body);
      expect([
        body,
        res.status,
        res.body.errors.map((e: { error_code: string; name: string }) => [e.error_code, e.name]),
      ]).toEqual([body, 400, expected]);
    }
    const ok = { messageType: 'user_email_verified', type: 'SUCCESS' };
    expect((await world.theirs.call('POST', world.theirs.feed(userId), ok)).status).toBe(404);
    expect((await world.theirs.call('POST', world.mine.feed(userId), ok)).status).toBe(403);
  });
});
