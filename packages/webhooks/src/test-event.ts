import { randomInt } from 'node:crypto';
import { ACCOUNT_UPDATE, EVENT_SOURCE } from './event.js';
import { secretKey } from './secret.js';
import { bodySignature } from './signature.js';

/**
 * A test event's id: `EVT0` + 18 random digits. Real event ids are `EVT` + a sequence number, which
 * never starts with 0, so a subscriber de-duplicating on `webhook-id` never confuses the two, and two
 * tests are two different events.
 */
export function testEventId(): string {
  let digits = '';
  for (let i = 0; i < 18; i++) digits += String(randomInt(10));
  return `EVT0${digits}`;
}

export function isTestEventId(eventId: string): boolean {
  return /^EVT0\d+$/.test(eventId);
}

/** The example account of seed 001 (currencyCode as ISO 4217 numeric), in the seed's key order. */
export const TEST_EVENT_PAYLOAD = {
  id: '1356001',
  name: 'General Account',
  number: '200851030137182',
  createdDate: '2023-11-06T10:09:44.574Z',
  updatedDate: '2023-11-06T10:09:44.574Z',
  balance: 0,
  customerID: '100000000018002',
  customerName: 'Ravi Test18',
  accountType: 'WALLET',
  currency: 'USD',
  currencyCode: '840',
  status: 'DORMANT',
  program: 'PL',
  accountLevel: 'WPS',
} as const;

/**
 * A test event's body: seed 001's members with `"test":true` between `payload` and `signature`. The
 * body `signature` covers it like any member (the body without its last member), so a test body
 * verifies with the same code as a real one (`verifyAccountUpdate`, `standardwebhooks`).
 */
export function signedTestBody(secret: string | Buffer, eventId: string): string {
  const key = typeof secret === 'string' ? secretKey(secret) : secret;
  const unsigned = JSON.stringify({
    source: EVENT_SOURCE,
    eventId,
    eventName: ACCOUNT_UPDATE,
    payload: TEST_EVENT_PAYLOAD,
    test: true,
  });
  return `${unsigned.slice(0, -1)},"signature":"${bodySignature(key, unsigned)}"}`;
}
