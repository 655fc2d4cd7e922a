import { VIRTUAL_INSTRUMENT_TYPES, type VirtualInstrumentType } from '@wallet/domain';
import { createCallbackIssuer } from './callback-issuer.js';
import type { IssuerConfig } from './config.js';
import type { IssuerPort } from './port.js';
import { createRangeAllocationIssuer } from './range-allocation.js';

/** Stands in for an instrument type nobody configured: every request is REJECTED, saying why. */
function notConfigured(type: VirtualInstrumentType): IssuerPort {
  return {
    name: 'none',
    request: async () => ({
      kind: 'rejected',
      reason: `Issuer not configured: no issuer is configured for ${type} (INSTRUMENT_ISSUERS)`,
    }),
  };
}

/**
 * The configured issuer, refusing customers whose billing country it does not serve (the entry's
 * `customerCountries`); a customer with no stored billing address is not refused for it.
 */
function servingCountries(issuer: IssuerPort, countries: readonly string[] | undefined): IssuerPort {
  if (!countries) return issuer;
  return {
    name: issuer.name,
    request: async (instrument, account, customer, ctx) =>
      customer.countryCode && !countries.includes(customer.countryCode)
        ? {
            kind: 'rejected',
            reason: `${instrument.instrumentType} is not offered to customers in ${customer.countryCode}`,
          }
        : issuer.request(instrument, account, customer, ctx),
  };
}

/** One issuer per instrument type, as configured (see resolveIssuerConfig). */
export function createIssuers(config: IssuerConfig): Record<VirtualInstrumentType, IssuerPort> {
  const issuers = {} as Record<VirtualInstrumentType, IssuerPort>;
  for (const type of VIRTUAL_INSTRUMENT_TYPES) {
    const entry = config[type];
    if (!entry) {
      issuers[type] = notConfigured(type);
      continue;
    }
    const issuer =
      entry.adapter === 'callback' ? createCallbackIssuer(entry) : createRangeAllocationIssuer(type, entry);
    issuers[type] = servingCountries(issuer, entry.customerCountries);
  }
  return issuers;
}

/** Whether any instrument type is served by the development ranges (worth a warning at start). */
export function usesDevelopmentRanges(config: IssuerConfig): boolean {
  return VIRTUAL_INSTRUMENT_TYPES.some((type) => {
    const entry = config[type];
    return entry?.adapter === 'range' && entry.development === true;
  });
}
