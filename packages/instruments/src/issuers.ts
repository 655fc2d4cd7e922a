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

/** One issuer per instrument type, as configured (see resolveIssuerConfig). */
export function createIssuers(config: IssuerConfig): Record<VirtualInstrumentType, IssuerPort> {
  const issuers = {} as Record<VirtualInstrumentType, IssuerPort>;
  for (const type of VIRTUAL_INSTRUMENT_TYPES) {
    const entry = config[type];
    issuers[type] = !entry
      ? notConfigured(type)
      : entry.adapter === 'callback'
        ? createCallbackIssuer(entry)
        : createRangeAllocationIssuer(type, entry);
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
