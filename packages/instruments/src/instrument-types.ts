import type { VirtualInstrumentType } from '@wallet/domain';

/** The one currency each instrument type holds: a SEPA account is in EUR, a UK one in GBP, a US one in USD. */
export const CURRENCY_OF_INSTRUMENT: Record<VirtualInstrumentType, string> = {
  SEPA_BANK_ACCOUNT: 'EUR',
  UK_BANK_ACCOUNT: 'GBP',
  US_BANK_ACCOUNT: 'USD',
};

/** The instrument that fits an account's currency; undefined when no instrument is offered for it. */
export function instrumentForCurrency(currencyCode: string): VirtualInstrumentType | undefined {
  const code = currencyCode.toUpperCase();
  const entry = Object.entries(CURRENCY_OF_INSTRUMENT).find(([, currency]) => currency === code);
  return entry?.[0] as VirtualInstrumentType | undefined;
}
