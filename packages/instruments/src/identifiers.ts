import type { VirtualInstrumentType } from '@wallet/domain';
import { validate as isValidRoutingNumber } from 'abavalidator';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { validateAccountDetails } from 'uk-modulus-check';

export interface SepaIdentifiers {
  iban: string;
  bic: string;
}
export interface UkIdentifiers {
  sortCode: string;
  accountNumber: string;
}
export interface UsIdentifiers {
  routingNumber: string;
  accountNumber: string;
}
export type InstrumentIdentifiers = SepaIdentifiers | UkIdentifiers | UsIdentifiers;

/**
 * Why identifiers are not valid for their instrument type, or undefined when they are: an IBAN with
 * correct mod-97 check digits (and national check digits where ibantools knows them) and a BIC of the
 * IBAN's country; a UK sort code and account number that pass VocaLink's modulus check
 * (uk-modulus-check); a US ABA routing number with a valid checksum (abavalidator) and a 4-17 digit
 * account number.
 */
export function identifierProblem(
  type: VirtualInstrumentType,
  ids: Record<string, unknown>,
): string | undefined {
  const text = (key: string) => (typeof ids[key] === 'string' ? (ids[key] as string) : '');
  switch (type) {
    case 'SEPA_BANK_ACCOUNT': {
      const iban = electronicFormatIBAN(text('iban')) ?? '';
      if (!isValidIBAN(iban)) return 'iban is not a valid IBAN';
      if (!isValidBIC(text('bic'))) return 'bic is not a valid BIC';
      if (text('bic').slice(4, 6).toUpperCase() !== iban.slice(0, 2))
        return "bic is not of the IBAN's country";
      return undefined;
    }
    case 'UK_BANK_ACCOUNT':
      if (!/^\d{6}$/.test(text('sortCode'))) return 'sortCode must be 6 digits';
      if (!/^\d{8}$/.test(text('accountNumber'))) return 'accountNumber must be 8 digits';
      if (!validateAccountDetails(text('sortCode'), text('accountNumber'))) {
        return 'sortCode and accountNumber fail the UK modulus check';
      }
      return undefined;
    case 'US_BANK_ACCOUNT':
      if (!/^\d{9}$/.test(text('routingNumber')) || !isValidRoutingNumber(text('routingNumber'))) {
        return 'routingNumber is not a valid ABA routing number';
      }
      if (!/^\d{4,17}$/.test(text('accountNumber'))) return 'accountNumber must be 4-17 digits';
      return undefined;
  }
}

/** The identifiers in their canonical form, with only the fields of their type. */
export function canonicalIdentifiers(
  type: VirtualInstrumentType,
  ids: Record<string, unknown>,
): InstrumentIdentifiers {
  const text = (key: string) => String(ids[key] ?? '');
  switch (type) {
    case 'SEPA_BANK_ACCOUNT':
      return { iban: electronicFormatIBAN(text('iban')) ?? '', bic: text('bic').toUpperCase() };
    case 'UK_BANK_ACCOUNT':
      return { sortCode: text('sortCode'), accountNumber: text('accountNumber') };
    case 'US_BANK_ACCOUNT':
      return { routingNumber: text('routingNumber'), accountNumber: text('accountNumber') };
  }
}

/** One string per bank account, unique in the database: an identifier is never issued twice. */
export function identifierKey(type: VirtualInstrumentType, ids: InstrumentIdentifiers): string {
  if ('iban' in ids) return `IBAN:${ids.iban}`;
  if ('sortCode' in ids) return `GB:${ids.sortCode}:${ids.accountNumber}`;
  return `${type === 'US_BANK_ACCOUNT' ? 'US' : type}:${ids.routingNumber}:${ids.accountNumber}`;
}
