import { transitionInstrumentRequest } from '@wallet/core';
import { createDb, type DbHandle } from '@wallet/db';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

const SECRET = `whsec_${Buffer.from('acme-bank-callback-secret-0123456789').toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.from('somebody-elses-secret-0123456789').toString('base64')}`;
let api: TestApi;
let call: ReturnType<typeof client>;
let handle: DbHandle;
let n = 0;

beforeAll(async () => {
  api = await startTestApi({
    INSTRUMENT_ISSUERS: JSON.stringify({
      US_BANK_ACCOUNT: {
        adapter: 'callback',
        issuer: 'acme-bank',
        secret: SECRET,
        requestUrl: 'http://127.0.0.1:9/',
      },
    }),
  });
  call = client(api.url, (await api.createTenant()).apiKey);
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
});
afterAll(async () => {
  await handle.destroy();
  await api.stop();
});

/** A USD account whose request acme-bank has taken (ACCEPTED), as the worker leaves it. */
async function acceptedRequest(issuer = 'acme-bank') {
  const customer = await call('POST', '/v2/customer-persons', {
    externalId: `cb-${++n}`,
    email: 'a@b.co',
    registrationIp: '198.51.100.42',
  });
  const account = await call('POST', `/v2/customer-persons/${customer.body.id}/accounts`, {
    currencyCode: 'USD',
    virtualAccountAssignment: true,
  });
  const row = await handle.db
    .selectFrom('virtual_account_assignments')
    .selectAll()
    .where('account_id', '=', account.body.id)
    .executeTakeFirstOrThrow();
  await handle.db.transaction().execute((trx) =>
    transitionInstrumentRequest(trx, row, 'ACCEPTED', {
      reason: `Accepted by ${issuer}`,
      source: 'worker',
      issuer,
      issuerReference: row.id,
    }),
  );
  return { customerId: customer.body.id as string, requestId: row.id };
}

let eventCounter = 0;
function signed(body: unknown, options: { id?: string; at?: Date; secret?: string } = {}) {
  const text = JSON.stringify(body);
  const id = options.id ?? `evt_${process.pid}_${++eventCounter}`;
  const at = options.at ?? new Date();
  return {
    id,
    text,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(options.secret ?? SECRET).sign(id, at, text),
    },
  };
}

async function post(path: string, text: string, headers: Record<string, string>) {
  const res = await fetch(`${api.url}${path}`, { method: 'POST', headers, body: text });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { error?: Record<string, unknown> },
  };
}
const deliver = (message: ReturnType<typeof signed>, issuer = 'acme-bank') =>
  post(`/v2/issuer-callbacks/${issuer}`, message.text, message.headers);

const refusals = () =>
  api.logLines
    .filter((l) => l.includes('issuer callback refused'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('POST /v2/issuer-callbacks/{issuer}', () => {
  it('applies a signed COMPLETED: the instrument becomes ACTIVE with its identifiers', async () => {
    const { customerId, requestId } = await acceptedRequest();
    const message = signed({
      reference: requestId,
      status: 'COMPLETED',
      identifiers: { routingNumber: '011000015', accountNumber: '123456789' },
    });
    const res = await deliver(message);
    expect(res).toEqual({ status: 200, body: { status: 'COMPLETED', duplicate: false } });
    const shown = await call('GET', `/v2/customer-persons/${customerId}`);
    expect(shown.text).toContain('"routingNumber":"011000015","accountNumber":"123456789"');
    expect(shown.body.accounts[0]).toMatchObject({
      hasVirtualInstrument: true,
      virtualInstrument: [
        {
          instrumentType: 'US_BANK_ACCOUNT',
          status: 'ACTIVE',
          routingNumber: '011000015',
          accountNumber: '123456789',
        },
      ],
      virtualAccountAssignmentStatus: [
        {
          instrumentType: 'US_BANK_ACCOUNT',
          status: 'COMPLETED',
          statusReason: 'Issued by the issuing bank',
        },
      ],
    });
    const transitions = await handle.db
      .selectFrom('virtual_assignment_transitions')
      .select(['from_status', 'to_status', 'source'])
      .where('assignment_id', '=', requestId)
      .orderBy('id')
      .execute();
    expect(transitions.at(-1)).toEqual({
      from_status: 'ACCEPTED',
      to_status: 'COMPLETED',
      source: 'issuer-callback',
    });

    // The bank redelivers the same event: acknowledged, not applied again, and logged.
    const again = await deliver(message);
    expect(again).toEqual({ status: 200, body: { status: 'COMPLETED', duplicate: true } });
    expect(api.logLines.some((l) => l.includes('issuer callback replayed') && l.includes(message.id))).toBe(
      true,
    );
    // A new event that would move a final request is refused with 409.
    const late = await deliver(signed({ reference: requestId, status: 'REJECTED' }));
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({
      code: 'DW-CONFLICT',
      details: ['A request in status COMPLETED cannot become REJECTED'],
    });
  });

  it('refuses identifiers already issued for another request (409), leaving the request ACCEPTED', async () => {
    const first = await acceptedRequest();
    const second = await acceptedRequest();
    const identifiers = { routingNumber: '011000015', accountNumber: '55550001' };
    expect(
      (await deliver(signed({ reference: first.requestId, status: 'COMPLETED', identifiers }))).status,
    ).toBe(200);
    const twice = await deliver(signed({ reference: second.requestId, status: 'COMPLETED', identifiers }));
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({
      details: ['These identifiers were already issued for another request'],
    });
    const row = await handle.db
      .selectFrom('virtual_account_assignments')
      .select('status')
      .where('id', '=', second.requestId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('ACCEPTED');
  });

  it('answers a callback that repeats the current status with 200 and changes nothing', async () => {
    const { requestId } = await acceptedRequest();
    const res = await deliver(signed({ reference: requestId, status: 'ACCEPTED' }));
    expect(res).toEqual({ status: 200, body: { status: 'ACCEPTED', duplicate: false } });
    const transitions = await handle.db
      .selectFrom('virtual_assignment_transitions')
      .select('to_status')
      .where('assignment_id', '=', requestId)
      .execute();
    expect(transitions.map((t) => t.to_status)).toEqual(['PENDING', 'ACCEPTED']);
  });

  it('applies REJECTED with the bank’s reason', async () => {
    const { requestId } = await acceptedRequest();
    const res = await deliver(
      signed({ reference: requestId, status: 'REJECTED', reason: 'KYC mismatch at the bank' }),
    );
    expect(res.body).toEqual({ status: 'REJECTED', duplicate: false });
    const row = await handle.db
      .selectFrom('virtual_account_assignments')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'REJECTED',
      status_reason: 'KYC mismatch at the bank',
      identifiers: null,
    });
  });

  it('refuses unsigned, stale, forged and tampered callbacks with 401, and logs each reason', async () => {
    const { requestId } = await acceptedRequest();
    const body = { reference: requestId, status: 'FAILED' };
    const good = signed(body);
    const { 'webhook-signature': _omitted, ...unsignedHeaders } = good.headers;
    expect((await post('/v2/issuer-callbacks/acme-bank', good.text, unsignedHeaders)).status).toBe(401);
    const stale = signed(body, { at: new Date(Date.now() - 10 * 60_000) });
    expect((await deliver(stale)).status).toBe(401);
    const forged = signed(body, { secret: OTHER_SECRET });
    expect((await deliver(forged)).status).toBe(401);
    const tampered = await post(
      '/v2/issuer-callbacks/acme-bank',
      good.text.replace('FAILED', 'COMPLETED'),
      good.headers,
    );
    expect(tampered.status).toBe(401);
    expect(tampered.body.error).toMatchObject({ code: 'DW-UNAUTHORIZED' });
    expect(refusals().map((r) => r.refusal)).toEqual(['unsigned', 'stale', 'bad_signature', 'bad_signature']);
    expect(api.logLines.join('\n')).not.toContain(SECRET);
    // None of them changed the request; the genuine one still applies.
    expect((await deliver(good)).body).toEqual({ status: 'FAILED', duplicate: false });
  });

  it('is 401 for an unknown issuer, 404 for an unknown reference or another issuer’s request', async () => {
    const { requestId } = await acceptedRequest('another-bank');
    expect((await deliver(signed({ reference: requestId, status: 'FAILED' }), 'nobody')).status).toBe(401);
    expect(refusals().at(-1)).toMatchObject({ issuer: 'nobody', refusal: 'unknown_issuer' });
    expect((await deliver(signed({ reference: '999999999', status: 'FAILED' }))).status).toBe(404);
    expect((await deliver(signed({ reference: requestId, status: 'FAILED' }))).status).toBe(404);
  });

  it('refuses COMPLETED with invalid identifiers (400) without using up the event id', async () => {
    const { requestId } = await acceptedRequest();
    const id = `evt_fix_${process.pid}`;
    const bad = await deliver(
      signed(
        {
          reference: requestId,
          status: 'COMPLETED',
          identifiers: { routingNumber: '011000016', accountNumber: '1234' },
        },
        { id },
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      fieldErrors: [{ field: 'identifiers', error: 'routingNumber is not a valid ABA routing number' }],
    });
    const invalidBody = await deliver(signed({ reference: requestId, status: 'DONE' }));
    expect(invalidBody.status).toBe(400);
    const fixed = await deliver(
      signed(
        {
          reference: requestId,
          status: 'COMPLETED',
          identifiers: { routingNumber: '011000015', accountNumber: '1234' },
        },
        { id },
      ),
    );
    expect(fixed.body).toEqual({ status: 'COMPLETED', duplicate: false });
  });
});
