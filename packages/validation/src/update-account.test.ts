import { ApiError } from '@wallet/errors';
import { describe, expect, it } from 'vitest';
import { isValidBirthDate, parseUpdateAccountBody } from './update-account.js';

const address = { addressLine1: 'Main St', city: 'Berlin', countryCode: 'DEU' };
const person = { firstName: 'Falk', lastName: 'Quintus' };

function errorsOf(input: unknown) {
  try {
    parseUpdateAccountBody(input);
  } catch (err) {
    if (err instanceof ApiError) return err.fieldErrors.map((e) => [e.path, e.issue, e.minimum, e.maximum]);
  }
  return [];
}

describe('parseUpdateAccountBody (seed 003)', () => {
  it('accepts a consumer or a business', () => {
    expect(parseUpdateAccountBody({ billingAddress: address, consumer: person }).consumer?.lastName).toBe(
      'Quintus',
    );
    expect(
      parseUpdateAccountBody({
        billingAddress: address,
        businessConsumer: { companyName: 'ACME', companyRegistrationCountry: 'DE' },
      }).businessConsumer?.companyName,
    ).toBe('ACME');
  });

  it('reports lengths with both bounds, and every other error at the same time', () => {
    expect(
      errorsOf({
        billingAddress: { ...address, city: 'x'.repeat(51), countryCode: 'USA' },
        consumer: person,
        businessConsumer: { companyName: 'A' },
      }),
    ).toEqual([
      ['billingAddress.city', 'out_of_bounds', 1, 50],
      ['businessConsumer', 'invalid', undefined, undefined],
      ['billingAddress.stateCode', 'required', undefined, undefined],
    ]);
  });

  it('requires one party, real ISO countries and a sane birth date', () => {
    expect(errorsOf({ billingAddress: address })).toEqual([['consumer', 'required', undefined, undefined]]);
    expect(errorsOf({ billingAddress: { ...address, countryCode: 'XXX' }, consumer: person })[0]?.[0]).toBe(
      'billingAddress.countryCode',
    );
    expect(
      errorsOf({ billingAddress: address, consumer: { ...person, dateOfBirth: '1899-12-31' } })[0]?.[0],
    ).toBe('consumer.dateOfBirth');
    expect(errorsOf({ billingAddress: address, consumer: { ...person, culture: 'english' } })[0]?.[0]).toBe(
      'consumer.culture',
    );
    expect(errorsOf({ billingAddress: address, consumer: { ...person, email: 'no-at' } })[0]?.[0]).toBe(
      'consumer.email',
    );
  });

  it('checks birth dates against the calendar and today', () => {
    expect(isValidBirthDate('1966-02-01')).toBe(true);
    expect(isValidBirthDate('1966-02-30')).toBe(false);
    expect(isValidBirthDate('2999-01-01')).toBe(false);
    expect(isValidBirthDate('1966-2-1')).toBe(false);
  });
});

describe('ISO codes on maintained data', () => {
  const withAddress = (billingAddress: object, party: object = { consumer: person }) =>
    parseUpdateAccountBody({ billingAddress: { ...address, ...billingAddress }, ...party });

  it('checks culture against ISO 639-1 and ISO 3166-1, in any case, and keeps it as sent', () => {
    expect(withAddress({}, { consumer: { ...person, culture: 'en-de' } }).consumer?.culture).toBe('en-de');
    expect(withAddress({}, { consumer: { ...person, culture: 'PT-BR' } }).consumer?.culture).toBe('PT-BR');
    for (const culture of ['xx-US', 'en-XX', 'en-USA', 'e1-US']) {
      expect(errorsOf({ billingAddress: address, consumer: { ...person, culture } }), culture).toEqual([
        ['consumer.culture', 'invalid', undefined, undefined],
      ]);
    }
  });

  it('checks stateCode of USA and CAN against ISO 3166-2, in any case, stored upper-case', () => {
    expect(withAddress({ countryCode: 'USA', stateCode: 'ny' }).billingAddress.stateCode).toBe('NY');
    expect(withAddress({ countryCode: 'can', stateCode: 'QC' }).billingAddress.countryCode).toBe('CAN');
    for (const [countryCode, stateCode] of [
      ['USA', 'ZZ'],
      ['USA', 'ON'],
      ['CAN', 'NY'],
      ['usa', 'XYZ'],
    ]) {
      expect(errorsOf({ billingAddress: { ...address, countryCode, stateCode }, consumer: person })).toEqual([
        ['billingAddress.stateCode', 'invalid', undefined, undefined],
      ]);
    }
    // Other countries' state codes are free text of at most 3 characters.
    expect(withAddress({ countryCode: 'DEU', stateCode: 'ZZ' }).billingAddress.stateCode).toBe('ZZ');
  });

  it('normalises lower-case country codes to upper case, as currency codes are', () => {
    expect(withAddress({ countryCode: 'deu' }).billingAddress.countryCode).toBe('DEU');
    const business = { businessConsumer: { companyName: 'ACME', companyRegistrationCountry: 'de' } };
    expect(withAddress({}, business).businessConsumer?.companyRegistrationCountry).toBe('DE');
  });
});
