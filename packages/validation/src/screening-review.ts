import { z } from 'zod';

/** Why a person decided as they did: kept on the record and in the audit log. */
const reason = z.string().trim().min(3).max(1000);

/** `POST /v2/screenings/{archiveId}/decision`: a person's decision on a RED or YELLOW screening. */
export const screeningDecisionBody = z.strictObject({
  outcome: z.enum(['CONFIRMED_HIT', 'FALSE_POSITIVE']),
  reason,
});
export type ScreeningDecisionBody = z.output<typeof screeningDecisionBody>;

/** `POST /admin/restrictions/{restrictionId}/lift`: lifting any restriction needs a reason. */
export const liftRestrictionBody = z.strictObject({ reason });
export type LiftRestrictionBody = z.output<typeof liftRestrictionBody>;

/** A screening's archiveId: the numeric id of its stored record. */
export const archiveIdParam = z.string().regex(/^\d{1,18}$/);
