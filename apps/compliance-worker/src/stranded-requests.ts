import type { Database } from '@wallet/db';
import { fromKysely, type PgBoss, QUEUES, sendJob } from '@wallet/jobs';
import { type Kysely, sql } from 'kysely';

/**
 * PENDING instrument requests that have no job to move them: those stored before the lifecycle
 * existed (migration 0007), or whose job was dead-lettered. Sent again at start; the job is
 * idempotent, so a request another replica also re-sent is processed once. Requests younger than
 * a minute are left to their own job.
 */
export async function requeueStrandedRequests(db: Kysely<Database>, boss: PgBoss): Promise<number> {
  const { rows } = await sql<{ id: string }>`
    SELECT v.id::text AS id FROM virtual_account_assignments v
    WHERE v.status = 'PENDING' AND v.request_date < now() - interval '1 minute'
      AND NOT EXISTS (
        SELECT 1 FROM pgboss.job j
        WHERE j.name = ${QUEUES.instrumentRequest} AND j.data->>'assignmentId' = v.id::text
          AND j.state IN ('created', 'retry', 'active')
      )
    ORDER BY v.id LIMIT 10000`.execute(db);
  for (const { id } of rows) {
    await sendJob(boss, QUEUES.instrumentRequest, { assignmentId: id }, { db: fromKysely(db) });
  }
  return rows.length;
}
