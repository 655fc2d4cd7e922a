import { z } from 'zod';

/** Seed 003's 200 body. */
export const AccountUpdateResponse = z
  .object({
    partnerReference: z
      .string()
      .max(64)
      .regex(/^[a-zA-Z0-9_-]+$/)
      .meta({ example: 'PR_10040500_x3L0fQ9cT2mWzA8k' }),
    statusCode: z.enum(['ACTIVE', 'CLOSED', 'INACTIVE', 'REJECTED']),
    accFlowStatusCode: z.string().max(10).meta({ example: 'APPROVED' }),
    twoFAStatusCode: z.enum(['2FADIS', '2FANOTCONF', '2FAINPROC', '2FACONF']),
    isTwoFASetupCodeRequired: z.boolean(),
    providerResponse: z.object({
      complianceData: z.array(
        z.object({
          archiveId: z
            .string()
            .max(50)
            .meta({ example: '4108000025015465', description: 'The screening record’s id' }),
          trafficLight: z.enum(['RED', 'YELLOW', 'GREEN']),
          hitType: z.enum(['SL', 'BL', 'PEP']).optional(),
          manualReview: z.boolean(),
          details: z.array(z.object({ name: z.string(), birthdate: z.string().optional() })),
        }),
      ),
    }),
    requestDateTime: z.string().meta({ format: 'date-time' }),
    responseCode: z.string(),
    responseDescription: z.string(),
  })
  .meta({ id: 'AccountUpdateResponse', description: 'Update Account answer (seed 003)' });
