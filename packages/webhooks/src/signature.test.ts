import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateSecret, secretKey } from './secret.js';
import { signedBody, standardWebhookHeaders, unsignedBody } from './signature.js';
import { verifyAccountUpdate, WebhookVerificationError } from './verify.js';

const payload = {
  status: 'BLOCKED',
  id: '1356001',
  currencyCode: '840',
  currency: 'USD',
  name: 'General Account',
  balance: 0,
};

function signed(secret: string, at = Math.floor(Date.now() / 1000)) {
  const body = signedBody(secret, 'EVT1358001', payload);
  return { body, headers: standardWebhookHeaders(secret, 'EVT1358001', at, body) };
}

describe('secrets', () => {
  it('are whsec_ plus base64 of 32 random bytes, different each time', () => {
    const a = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secretKey(a)).toHaveLength(32);
    expect(generateSecret()).not.toBe(a);
    expect(() => secretKey('nope')).toThrow();
  });
});

describe('signatures', () => {
  it('body: seed shape and order, signature = hex HMAC of the body without that member', () => {
    const secret = generateSecret();
    const { body } = signed(secret);
    const parsed = JSON.parse(body);
    expect(Object.keys(parsed)).toEqual(['source', 'eventId', 'eventName', 'payload', 'signature']);
    expect(Object.keys(parsed.payload)).toEqual([
      'id',
      'name',
      'balance',
      'currency',
      'currencyCode',
      'status',
    ]);
    const unsigned = unsignedBody('EVT1358001', payload);
    expect(JSON.stringify({ ...JSON.parse(unsigned), signature: parsed.signature })).toBe(body);
    const expected = createHmac('sha256', secretKey(secret)).update(unsigned).digest('hex');
    expect(parsed.signature).toBe(expected);
  });

  it('verifies with the standardwebhooks package and with our own verifier', () => {
    const secret = generateSecret();
    const { body, headers } = signed(secret);
    expect(new Webhook(secret).verify(body, { ...headers })).toMatchObject({ eventId: 'EVT1358001' });
    expect(verifyAccountUpdate(secret, body, headers).payload).toEqual(JSON.parse(body).payload);
    expect(verifyAccountUpdate(secret, Buffer.from(body), new Headers({ ...headers })).eventId).toBe(
      'EVT1358001',
    );
  });

  it('refuses another secret, a changed body, a stale timestamp and missing headers', () => {
    const secret = generateSecret();
    const { body, headers } = signed(secret);
    expect(() => verifyAccountUpdate(generateSecret(), body, headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(generateSecret()).verify(body, { ...headers })).toThrow();
    const tampered = body.replace('BLOCKED', 'ACTIVE');
    expect(() => verifyAccountUpdate(secret, tampered, headers)).toThrow(/webhook-signature/);
    // Re-signed on the outside only: the body's own signature still catches it.
    const outer = standardWebhookHeaders(
      secret,
      'EVT1358001',
      Number(headers['webhook-timestamp']),
      tampered,
    );
    expect(() => verifyAccountUpdate(secret, tampered, outer)).toThrow(/body signature/);
    const old = signed(secret, Math.floor(Date.now() / 1000) - 3600);
    expect(() => verifyAccountUpdate(secret, old.body, old.headers)).toThrow(/tolerance/);
    expect(() => verifyAccountUpdate(secret, body, { 'webhook-id': 'EVT1358001' })).toThrow(/missing/);
  });
});
