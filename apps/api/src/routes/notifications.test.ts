import { addNotification } from '@wallet/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../testing/harness.js';
import { type NotificationWorld, notificationWorld } from '../testing/notification-world.js';

let world: NotificationWorld;
let userId: string;

beforeAll(async () => {
  world = await notificationWorld();
  userId = await world.mine.customer();
  await world.handle.db.transaction().execute(async (trx) => {
    await addNotification(
      { trx },
      { tenantId: world.mine.id, customerId: userId, messageType: 'user_needs_kyc', type: 'WARNING' },
    );
    await addNotification(
      { trx },
      {
        tenantId: world.mine.id,
        customerId: userId,
        messageType: 'idnow_link',
        type: 'INFORMATION',
        link: 'https://go.idnow.de/abc',
      },
    );
  });
});
afterAll(() => world.stop());

const errorsOf = (body: { errors: { error_code: string; name?: string }[] }) =>
  body.errors.map((e) => [e.error_code, e.name]);

describe('GET /v1/{tenantName}/accounts/{userId}/notifications', () => {
  it('answers 200 with the seed shape: epoch-millisecond times, numeric ids, link only when set', async () => {
    const started = Date.now();
    const res = await world.mine.call('GET', world.mine.feed(userId));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('2');
    expect(res.body).toEqual([
      {
        createdAt: expect.any(Number),
        id: expect.any(Number),
        link: 'https://go.idnow.de/abc',
        messageType: 'idnow_link',
        state: 'UNSEEN',
        type: 'INFORMATION',
        updatedAt: expect.any(Number),
        userId: Number(userId),
      },
      expect.not.objectContaining({ link: expect.anything() }),
    ]);
    expect(Object.keys(res.body[0])).toEqual([
      'createdAt',
      'id',
      'link',
      'messageType',
      'state',
      'type',
      'updatedAt',
      'userId',
    ]);
    expect(res.body[1]).toMatchObject({ messageType: 'user_needs_kyc', type: 'WARNING', state: 'UNSEEN' });
    expect(Math.abs(res.body[0].createdAt - started)).toBeLessThan(60_000);
    expect(res.text).toMatch(/"userId":\d+\}/);
  });

  it('writes each notification byte for byte as the PUT answer presents it', async () => {
    // The feed is rendered by PostgreSQL (renderedPage), PUT's answer by presentNotification: the two
    // must agree on fields, order, escaping and times, including a time with microseconds.
    const owner = await world.mine.customer();
    const links = [null, 'https://example.com/a?q="quoted"&b=\\back', 'https://example.com/ü/\u0001/€'];
    await world.handle.db.transaction().execute(async (trx) => {
      for (const link of links) {
        await addNotification(
          { trx },
          {
            tenantId: world.mine.id,
            customerId: owner,
            messageType: link === null ? 'wallet_verified' : 'idnow_link',
            type: link === null ? 'SUCCESS' : 'INFORMATION',
            ...(link !== null && { link }),
          },
        );
      }
    });
    await sql`UPDATE notifications SET created_at = '1969-12-31 23:59:59.123789+00', updated_at = '2026-03-04 05:06:07.999999+00'
      WHERE customer_id = ${owner} AND link IS NULL`.execute(world.handle.db);
    const feed = await world.mine.call('GET', world.mine.feed(owner));
    expect(feed.status).toBe(200);
    const ids = (feed.body as { id: number }[]).map((n) => n.id);
    expect(ids).toHaveLength(3);
    const presented: string[] = [];
    for (const id of ids) {
      const put = await world.mine.call('PUT', `${world.mine.feed(owner)}/${id}`, { state: 'UNSEEN' });
      expect(put.status).toBe(200);
      presented.push(put.text.slice(1, -1));
    }
    expect(feed.text).toBe(`[${presented.join(',')}]`);
    expect(feed.body.at(-1)).toMatchObject({
      createdAt: -877,
      updatedAt: Date.parse('2026-03-04T05:06:07.999Z'),
    });
  });

  it('answers 400 with one entry per bad parameter, each with its code and name', async () => {
    const cases: [string, string, string][] = [
      ['?limit=0', 'validation_min', 'limit'],
      ['?limit=101', 'validation_max', 'limit'],
      ['?limit=ten', 'validation_error', 'limit'],
      ['?limit=', 'validation_error', 'limit'],
      ['?offset=-1', 'validation_min', 'offset'],
      ['?offset=1.5', 'validation_error', 'offset'],
      ['?orderBy=messageType:asc', 'validation_error', 'orderBy'],
      ['?orderBy=createdAt:up', 'validation_error', 'orderBy'],
      ['?filter=state:READ', 'validation_error', 'filter'],
      ['?filter=colour:red', 'validation_error', 'filter'],
      ['?filter=state', 'validation_error', 'filter'],
      ['?after=not-a-cursor', 'validation_error', 'after'],
      ['?page=2', 'validation_error', 'page'],
      ['?limit=5&limit=6', 'validation_error', 'limit'],
    ];
    for (const [query, code, name] of cases) {
      const res = await world.mine.call('GET', world.mine.feed(userId, query));
      expect([query, res.status, errorsOf(res.body)]).toEqual([query, 400, [[code, name]]]);
      expect(res.body.errors[0].message).toEqual(expect.any(String));
    }
    const many = await world.mine.call('GET', world.mine.feed('abc', '?limit=0&offset=-1&filter=x:y&sort=1'));
    expect(many.status).toBe(400);
    expect(errorsOf(many.body).sort()).toEqual([
      ['validation_error', 'filter'],
      ['validation_error', 'sort'],
      ['validation_error', 'userId'],
      ['validation_min', 'limit'],
      ['validation_min', 'offset'],
    ]);
  });

  it('answers 401 status_unauthorized without a valid key', async () => {
    for (const key of [undefined, 'wk_not_a_key']) {
      const res = await client(world.api.url, key)('GET', world.mine.feed(userId));
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        errors: [{ error_code: 'status_unauthorized', message: expect.any(String) }],
      });
    }
  });

  it("answers 403 status_forbidden for a tenantName that is not the caller's, before reading anything", async () => {
    for (const tenantName of [world.theirs.name, 'no-such-tenant']) {
      const res = await world.mine.call('GET', `/v1/${tenantName}/accounts/${userId}/notifications`);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ errors: [{ error_code: 'status_forbidden', message: expect.any(String) }] });
    }
    // Another tenant's key naming our tenant: the same 403, and none of our data.
    const theirs = await world.theirs.call('GET', world.mine.feed(userId));
    expect(theirs.status).toBe(403);
    expect(theirs.text).not.toContain('idnow');
  });

  it('answers 404 status_not_found for a userId that is not a customer of the tenant', async () => {
    const unknown = await world.mine.call('GET', world.mine.feed('999999999'));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      errors: [{ error_code: 'status_not_found', message: 'Account not found' }],
    });
    // Another tenant, with its own name and key, asking for our customer: not found, not forbidden.
    const isolated = await world.theirs.call('GET', world.theirs.feed(userId));
    expect(isolated.status).toBe(404);
    expect(isolated.body.errors[0].error_code).toBe('status_not_found');
  });

  it('answers 500 status_internal_error, without details, when a query fails', async () => {
    // An operator cancels the API's query while it waits for a lock: PostgreSQL error 57014.
    const res = await world.handle.db.connection().execute(async (locker) => {
      await sql`BEGIN; LOCK TABLE notifications IN ACCESS EXCLUSIVE MODE`.execute(locker);
      const pending = world.mine.call('GET', world.mine.feed(userId));
      for (let i = 0; i < 200; i++) {
        const { rows } = await sql<{ cancelled: boolean }>`
          SELECT pg_cancel_backend(pid) AS cancelled FROM pg_stat_activity
          WHERE application_name = 'wallet-api' AND wait_event_type = 'Lock'`.execute(world.handle.db);
        if (rows.some((r) => r.cancelled)) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const answer = await pending;
      await sql`ROLLBACK`.execute(locker);
      return answer;
    });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      errors: [{ error_code: 'status_internal_error', message: 'internal error' }],
    });
  });
});
