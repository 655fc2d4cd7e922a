import type { Database } from '@wallet/db';
import type { JobBacklog } from '@wallet/metrics';
import { type Kysely, sql } from 'kysely';

/**
 * Jobs of `queues` that are due and not taken (created or retrying, start time reached), read from
 * pg-boss's table at scrape time: exact where getQueues() is as old as pg-boss's last monitor pass.
 * Every queue gets a series, 0 when it is empty.
 */
export async function readJobBacklog(db: Kysely<Database>, queues: readonly string[]): Promise<JobBacklog[]> {
  const { rows } = await sql<{ queue: string; waiting: number; oldest: number }>`
    SELECT name AS queue, count(*)::int AS waiting,
      coalesce(extract(epoch FROM now() - min(start_after)), 0)::float8 AS oldest
    FROM pgboss.job
    WHERE name = ANY(${[...queues]}::text[]) AND state IN ('created', 'retry') AND start_after <= now()
    GROUP BY name
  `.execute(db);
  const found = new Map(rows.map((r) => [r.queue, r]));
  return queues.map((queue) => ({
    queue,
    waiting: found.get(queue)?.waiting ?? 0,
    oldestWaitingAgeSeconds: Math.max(0, found.get(queue)?.oldest ?? 0),
  }));
}
