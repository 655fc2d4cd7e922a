import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { CallbackVerificationError, verifyIssuerCallback } from './callback.js';

const secret = `whsec_${Buffer.from('issuer-secret-for-tests-0123456789').toString('base64')}`;
const body = JSON.stringify({ reference: '1', status: 'ACCEPTED' });

function headers(at: Date, id = 'evt_1', signedBody = body) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, signedBody),
  };
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof CallbackVerificationError) return err.refusal;
    throw err;
  }
  return 'accepted';
}

describe('verifyIssuerCallback', () => {
  it('returns the event id and body of a correctly signed, fresh callback', () => {
    expect(verifyIssuerCallback(secret, body, headers(new Date()))).toEqual({
      eventId: 'evt_1',
      body: { reference: '1', status: 'ACCEPTED' },
    });
  });

  it('refuses unsigned, stale, tampered and foreign-key callbacks, each for its own reason', () => {
    const fresh = headers(new Date());
    expect(
      refusal(() => verifyIssuerCallback(secret, body, { ...fresh, 'webhook-signature': undefined })),
    ).toBe('unsigned');
    expect(
      refusal(() => verifyIssuerCallback(secret, body, headers(new Date(Date.now() - 10 * 60_000)))),
    ).toBe('stale');
    expect(refusal(() => verifyIssuerCallback(secret, body.replace('ACCEPTED', 'COMPLETED'), fresh))).toBe(
      'bad_signature',
    );
    const other = `whsec_${Buffer.from('another-issuer-secret-0123456789').toString('base64')}`;
    expect(refusal(() => verifyIssuerCallback(other, body, fresh))).toBe('bad_signature');
    expect(
      refusal(() => verifyIssuerCallback(secret, 'not json', headers(new Date(), 'e', 'not json'))),
    ).toBe('malformed');
  });
});
