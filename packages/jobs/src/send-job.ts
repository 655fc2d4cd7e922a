import type { InsertOptions, JobInsert, PgBoss, SendOptions } from 'pg-boss';
import { type JobData, parseJobData, type WorkQueue } from './job-data.js';

/**
 * Where the job is inserted: the caller's transaction (`fromKysely(trx)`, or sendWithInsert's
 * adapter), so that a job exists exactly when the write that caused it commits.
 */
type InTransaction = { db: NonNullable<SendOptions['db']> };

/** Refuses data that its queue's worker would dead-letter anyway, before it is stored. */
function checked<Q extends WorkQueue>(queue: Q, data: JobData<Q>): JobData<Q> {
  const parsed = parseJobData(queue, data);
  if (!parsed.success) throw new TypeError(`${queue}: ${parsed.reason}`);
  return parsed.data;
}

/** Enqueues one job of `queue`, its data checked against the queue's schema. Returns its id, or null when a singleton key skipped it. */
export async function sendJob<Q extends WorkQueue>(
  boss: PgBoss,
  queue: Q,
  data: JobData<Q>,
  options: SendOptions & InTransaction,
): Promise<string | null> {
  return boss.send(queue, checked(queue, data), options);
}

/** Enqueues several jobs of `queue` in one statement, each one's data checked against the queue's schema. */
export async function insertJobs<Q extends WorkQueue>(
  boss: PgBoss,
  queue: Q,
  jobs: readonly (Omit<JobInsert, 'data'> & { data: JobData<Q> })[],
  options: InsertOptions & InTransaction,
): Promise<string[] | null> {
  return boss.insert(
    queue,
    jobs.map((job) => ({ ...job, data: checked(queue, job.data) })),
    options,
  );
}

/**
 * What a worker runs for one job whose data passed its queue's schema; `context` is the worker's own
 * (its logger, the job's attempt).
 */
export type JobHandler<Q extends WorkQueue, C, R = object> = (data: JobData<Q>, context: C) => Promise<R>;
