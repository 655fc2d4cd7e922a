import { createDb, type DbHandle } from '@wallet/db';
import { createTestDatabase, type TestDatabase } from '@wallet/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RangeConfig } from './config.js';
import { identifierProblem } from './identifiers.js';
import type { IssuerAnswer, IssuerPort } from './port.js';
import { createRangeAllocationIssuer } from './range-allocation.js';

let database: TestDatabase;
let handle: DbHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb({ connectionString: database.connectionString, max: 12 });
});
afterAll(async () => {
  await handle.destroy();
  await database.drop();
});

const request = { id: '1', instrumentType: 'UK_BANK_ACCOUNT' as const };
const account = { id: '1', currencyCode: 'GBP' };
const customer = { id: '10000000', externalId: 'c' };

function allocate(issuer: IssuerPort): Promise<IssuerAnswer> {
  return handle.db.transaction().execute((trx) => issuer.request(request, account, customer, { trx }));
}

describe('range allocation', () => {
  it('hands out each valid number once, in order, under 40 concurrent requests', async () => {
    const config: RangeConfig = {
      adapter: 'range',
      sortCode: '089999',
      accountNumbers: { first: '66374000', last: '66379999' },
    };
    const issuer = createRangeAllocationIssuer('UK_BANK_ACCOUNT', config);
    const answers = await Promise.all(Array.from({ length: 40 }, () => allocate(issuer)));
    const numbers = answers.map((a) => {
      if (a.kind !== 'completed') throw new Error(`unexpected ${a.kind}`);
      return (a.identifiers as { accountNumber: string }).accountNumber;
    });
    expect(new Set(numbers).size).toBe(40);
    // No gaps: exactly the first 40 numbers of the range that pass the modulus check.
    const expected: string[] = [];
    for (let n = 66374000; expected.length < 40; n++) {
      if (!identifierProblem('UK_BANK_ACCOUNT', { sortCode: '089999', accountNumber: String(n) }))
        expected.push(String(n));
    }
    expect([...numbers].sort()).toEqual(expected);
    // The modulus check passes over most numbers: the range is not simply counted up.
    expect(Number(expected.at(-1)) - 66374000).toBeGreaterThan(40);
  });

  it('gives a rolled-back allocation its number back', async () => {
    const issuer = createRangeAllocationIssuer('US_BANK_ACCOUNT', {
      adapter: 'range',
      routingNumber: '011000015',
      accountNumbers: { first: '5000000001', last: '5000000100' },
    });
    const rolledBack = await handle.db
      .transaction()
      .execute(async (trx) => {
        const answer = await issuer.request(request, account, customer, { trx });
        throw Object.assign(new Error('roll back'), { answer });
      })
      .catch((err: { answer: IssuerAnswer }) => err.answer);
    const next = await allocate(issuer);
    expect(rolledBack).toMatchObject({ kind: 'completed', identifiers: { accountNumber: '5000000001' } });
    expect(next).toMatchObject({
      kind: 'completed',
      identifiers: { routingNumber: '011000015', accountNumber: '5000000001' },
    });
  });

  it('answers FAILED, not retryable, with a reason an operator understands once the range is exhausted', async () => {
    const issuer = createRangeAllocationIssuer('US_BANK_ACCOUNT', {
      adapter: 'range',
      routingNumber: '110000000',
      accountNumbers: { first: '700001', last: '700003' },
    });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await allocate(issuer));
    expect(answers.slice(0, 3).map((a) => a.kind)).toEqual(['completed', 'completed', 'completed']);
    expect(answers[3]).toEqual({
      kind: 'failed',
      retryable: false,
      reason: expect.stringMatching(
        /range US routing number 110000000, account numbers 700001-700003 is exhausted/,
      ),
    });
  });

  it('goes on where it stopped when the operator extends the range', async () => {
    const base = { adapter: 'range' as const, routingNumber: '110000000' };
    const small = createRangeAllocationIssuer('US_BANK_ACCOUNT', {
      ...base,
      accountNumbers: { first: '800001', last: '800001' },
    });
    expect(await allocate(small)).toMatchObject({
      kind: 'completed',
      identifiers: { accountNumber: '800001' },
    });
    expect((await allocate(small)).kind).toBe('failed');
    const extended = createRangeAllocationIssuer('US_BANK_ACCOUNT', {
      ...base,
      accountNumbers: { first: '800001', last: '800009' },
    });
    expect(await allocate(extended)).toMatchObject({ identifiers: { accountNumber: '800002' } });
  });

  it('issues IBANs with valid check digits and the BIC, marked when from the development range', async () => {
    const issuer = createRangeAllocationIssuer('SEPA_BANK_ACCOUNT', {
      adapter: 'range',
      country: 'DE',
      bankCode: '00000000',
      bic: 'WLTDDEF0XXX',
      accountNumbers: { first: '9000000000', last: '9000000009' },
      development: true,
    });
    const answer = await allocate(issuer);
    expect(answer).toEqual({
      kind: 'completed',
      identifiers: { iban: 'DE19000000009000000000', bic: 'WLTDDEF0XXX' },
      reason: 'Issued from the DEVELOPMENT range: not a real bank account',
    });
    expect(issuer.name).toBe('development-range');
  });
});
