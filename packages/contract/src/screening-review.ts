import { z } from 'zod';

const dateTime = () => z.string().meta({ format: 'date-time' });

const ScreeningReview = z
  .object({
    outcome: z.enum(['CONFIRMED_HIT', 'FALSE_POSITIVE']),
    reason: z.string(),
    reviewedBy: z
      .string()
      .meta({ description: '`PARTNER:<tenant name>` for a decision made with an API key' }),
    reviewedAt: dateTime(),
  })
  .meta({ id: 'ScreeningReview' });

export const StoredScreening = z
  .object({
    archiveId: z.string().meta({ description: 'seed 003’s archiveId' }),
    customerId: z.string(),
    createdAt: dateTime(),
    trafficLight: z.enum(['RED', 'YELLOW', 'GREEN']),
    hitType: z.enum(['SL', 'BL', 'PEP']).nullable(),
    manualReview: z.boolean(),
    query: z
      .array(z.record(z.string(), z.unknown()))
      .meta({ description: 'the names (and birthdate) screened' }),
    details: z.array(z.object({ name: z.string(), birthdate: z.string().optional() })),
    matches: z.array(z.record(z.string(), z.unknown())).meta({
      description: 'every match: entry, matched name, kind of name match, score, birthdate comparison',
    }),
    listVersion: z
      .string()
      .nullable()
      .meta({ description: 'the lists screened against, e.g. `SL:8976:1a2b3c4d5e6f;BL:3:...`' }),
    review: ScreeningReview.nullable(),
  })
  .meta({ id: 'StoredScreening' });

export const ScreeningDecisionResult = StoredScreening.extend({
  restrictionPlaced: z.boolean(),
  liftedRestrictions: z.array(z.uuid()),
}).meta({ id: 'ScreeningDecisionResult' });
