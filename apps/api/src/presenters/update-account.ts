import type { AccountUpdateResponse } from '@wallet/contract';
import type { ScreeningOutcome } from '@wallet/core';
import type { ScreeningResult } from '@wallet/screening';
import type { z } from 'zod';

/**
 * Seed 003's 200 body. statusCode: REJECTED on a RED hit; INACTIVE while the customer is blocked by an
 * ALL_TRANSACTIONS restriction; ACTIVE otherwise (a YELLOW hit stays ACTIVE with manualReview, as in the
 * seed's example). accFlowStatusCode: APPROVED (GREEN), APPROVEDSV (YELLOW: approved subject to
 * verification, the seed's example), DECLINED (RED). This platform does not run 2FA: 2FADIS.
 */
export function presentAccountUpdate(input: {
  partnerReference: string;
  outcome: ScreeningOutcome;
  result: ScreeningResult;
}): z.input<typeof AccountUpdateResponse> {
  const { outcome, result } = input;
  const statusCode = result.trafficLight === 'RED' ? 'REJECTED' : outcome.blocked ? 'INACTIVE' : 'ACTIVE';
  const accFlowStatusCode = { GREEN: 'APPROVED', YELLOW: 'APPROVEDSV', RED: 'DECLINED' }[result.trafficLight];
  return {
    partnerReference: input.partnerReference,
    statusCode,
    accFlowStatusCode,
    twoFAStatusCode: '2FADIS',
    isTwoFASetupCodeRequired: false,
    providerResponse: {
      complianceData: [
        {
          archiveId: outcome.archiveId,
          trafficLight: result.trafficLight,
          ...(result.hitType && { hitType: result.hitType }),
          manualReview: result.manualReview,
          details: result.details,
        },
      ],
    },
    requestDateTime: new Date().toISOString(),
    responseCode: '0000',
    responseDescription: 'Successful execution.',
  };
}
