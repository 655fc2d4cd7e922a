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

/** Data of an `instrument-request` job: the virtual instrument request to put to its issuer. */
export const instrumentRequestJobData = z.strictObject({
  assignmentId: z.string().regex(/^[1-9]\d{0,18}$/),
  requestId: z.string().max(128).optional(),
});
