import type { ScreeningRecordRow } from '@wallet/db';

/** A stored screening as `GET /v2/screenings/{archiveId}` shows it. */
export function presentScreening(row: ScreeningRecordRow) {
  return {
    archiveId: row.id,
    customerId: row.customer_id,
    createdAt: row.created_at.toISOString(),
    trafficLight: row.traffic_light,
    hitType: row.hit_type,
    manualReview: row.manual_review,
    query: row.query,
    details: row.details,
    matches: row.matches,
    listVersion: row.list_version,
    review:
      row.review_outcome === null
        ? null
        : {
            outcome: row.review_outcome,
            reason: row.review_reason,
            reviewedBy: row.reviewed_by,
            reviewedAt: row.reviewed_at?.toISOString() ?? null,
          },
  };
}
