import type { ScreeningDecisionResult, StoredScreening } from '@wallet/contract';
import type { ReviewDecision } from '@wallet/core';
import type { ScreeningRecordRow } from '@wallet/db';
import type { z } from 'zod';

type Body = z.input<typeof StoredScreening>;

/**
 * A stored screening as `GET /v2/screenings/{archiveId}` shows it. The text and jsonb columns hold
 * what recordScreening wrote from the screening's own types; a review's four columns are set by one
 * UPDATE (decideScreening), so with an outcome the other three are there too.
 */
export function presentScreening(row: ScreeningRecordRow): Body {
  return {
    archiveId: row.id,
    customerId: row.customer_id,
    createdAt: row.created_at.toISOString(),
    trafficLight: row.traffic_light as Body['trafficLight'],
    hitType: row.hit_type as Body['hitType'],
    manualReview: row.manual_review,
    query: row.query as Body['query'],
    details: row.details as Body['details'],
    matches: row.matches as Body['matches'],
    listVersion: row.list_version,
    review:
      row.review_outcome === null
        ? null
        : {
            outcome: row.review_outcome,
            reason: row.review_reason as string,
            reviewedBy: row.reviewed_by as string,
            reviewedAt: (row.reviewed_at as Date).toISOString(),
          },
  };
}

/** The answer to a review decision: the screening as decided, and the restrictions it placed or lifted. */
export function presentDecision(
  decision: Extract<ReviewDecision, { kind: 'decided' }>,
): z.input<typeof ScreeningDecisionResult> {
  return {
    ...presentScreening(decision.screening),
    restrictionPlaced: decision.restricted,
    liftedRestrictions: decision.lifted.map((r) => r.id),
  };
}
