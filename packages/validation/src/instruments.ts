import { VIRTUAL_INSTRUMENT_TYPES } from '@wallet/domain';
import { z } from 'zod';

/** `POST /v2/customer-persons/{customerId}/accounts/{accountId}/virtual-instruments`. */
export const requestInstrumentBody = z.strictObject({
  instrumentType: z.enum(VIRTUAL_INSTRUMENT_TYPES),
});

/** `POST /v2/customer-persons/{customerId}/accounts/{accountId}/close`: why, in the partner's words. */
export const closeAccountBody = z.strictObject({
  reason: z.string().trim().min(1).max(255),
});
