import type { Database } from '@wallet/db';
import type { WebhookBacklog } from '@wallet/metrics';
import { type Kysely, sql } from 'kysely';

/**
 * Deliveries due now and how long the oldest of them has waited past its due time, at scrape time
 * (webhook_deliveries_due_idx). A claimed delivery's due time is its lease's end, so deliveries in
 * flight are not counted; a retry counts from its retry time, not from its creation.
 */
export async function readWebhookBacklog(db: Kysely<Database>): Promise<WebhookBacklog> {
  const { rows } = await sql<{ due: number; oldest: number }>`
    SELECT count(*)::int AS due, coalesce(extract(epoch FROM now() - min(next_attempt_at)), 0)::float8 AS oldest
    FROM webhook_deliveries
    WHERE state = 'PENDING' AND next_attempt_at <= now()
  `.execute(db);
  const row = rows[0];
  return { due: row?.due ?? 0, oldestDueAgeSeconds: Math.max(0, row?.oldest ?? 0) };
}
