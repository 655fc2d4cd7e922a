import {
  type Job,
  type JobData,
  type JobHandler,
  PermanentJobError,
  parseJobData,
  type WorkQueue,
} from '@wallet/jobs';
import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';

/** How pg-boss settles one job of a `perJobResults` batch. */
export interface JobResult {
  id: string;
  status: 'completed' | 'failed' | 'deadletter';
  output?: object;
}

export interface SettleContext {
  logger: Logger;
  metrics: Metrics;
}

function requestIdOf(data: unknown): string | undefined {
  const id = (data as { requestId?: unknown } | null)?.requestId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Runs one job and says how pg-boss settles it:
 * - completed, with the handler's outcome as the job's output;
 * - dead-lettered at once, with `{ reason }`, when its data fails its queue's schema (@wallet/jobs'
 *   JOB_DATA) or the handler throws
 *   PermanentJobError: retrying a poison job changes nothing, and it must not hold up the queue;
 * - failed otherwise (a transient database error): pg-boss retries it with backoff, and dead-letters
 *   it with the last error once the queue's retryLimit is spent.
 */
export async function settle<Q extends WorkQueue>(
  job: Job<unknown>,
  queue: Q,
  ctx: SettleContext,
  run: JobHandler<Q, Logger>,
): Promise<JobResult> {
  const logger = ctx.logger.child({ requestId: requestIdOf(job.data), jobId: job.id, queue: job.name });
  const parsed = parseJobData(queue, job.data);
  if (!parsed.success) {
    const { reason } = parsed;
    logger.error({ reason }, 'job dead-lettered');
    ctx.metrics.count(job.name, 'dead_lettered');
    return { id: job.id, status: 'deadletter', output: { reason } };
  }
  try {
    const output = await run(parsed.data, logger);
    ctx.metrics.count(job.name, 'completed');
    return { id: job.id, status: 'completed', output };
  } catch (err) {
    if (err instanceof PermanentJobError) {
      logger.error({ reason: err.message }, 'job dead-lettered');
      ctx.metrics.count(job.name, 'dead_lettered');
      return { id: job.id, status: 'deadletter', output: { reason: err.message } };
    }
    logger.warn({ err, retryCount: job.retryCount }, 'job failed; pg-boss retries it');
    ctx.metrics.count(job.name, 'retried');
    return { id: job.id, status: 'failed', output: { message: (err as Error).message } };
  }
}

/**
 * Group commit for a fetched batch: the jobs whose data is valid run together in ONE transaction
 * (`runTogether`), which saves a BEGIN, a COMMIT and a WAL flush per job. If that transaction fails
 * for any reason (a poison job, a transient error, a deadlock with another replica), nothing of it
 * was committed, and every job runs again on its own through `settle`, so one bad job costs the
 * others only a second attempt. Jobs with invalid data are dead-lettered by `settle` as always.
 */
export async function settleTogether<Q extends WorkQueue>(
  jobs: Job<unknown>[],
  queue: Q,
  ctx: SettleContext,
  runTogether: (items: { data: JobData<Q>; logger: Logger }[]) => Promise<object[]>,
  runOne: JobHandler<Q, Logger>,
): Promise<JobResult[]> {
  const valid: { job: Job<unknown>; data: JobData<Q>; logger: Logger }[] = [];
  for (const job of jobs) {
    const parsed = parseJobData(queue, job.data);
    if (parsed.success) {
      const logger = ctx.logger.child({ requestId: requestIdOf(job.data), jobId: job.id, queue: job.name });
      valid.push({ job, data: parsed.data, logger });
    }
  }
  if (valid.length < 2) return Promise.all(jobs.map((job) => settle(job, queue, ctx, runOne)));
  let outputs: object[];
  try {
    outputs = await runTogether(valid);
  } catch (err) {
    ctx.logger.debug({ err, jobs: valid.length }, 'batch transaction failed; running its jobs one by one');
    return Promise.all(jobs.map((job) => settle(job, queue, ctx, runOne)));
  }
  const results = new Map<string, JobResult>();
  valid.forEach(({ job }, i) => {
    ctx.metrics.count(job.name, 'completed');
    results.set(job.id, { id: job.id, status: 'completed', output: outputs[i] ?? {} });
  });
  const invalid = jobs.filter((job) => !results.has(job.id));
  for (const result of await Promise.all(invalid.map((job) => settle(job, queue, ctx, runOne)))) {
    results.set(result.id, result);
  }
  return jobs.map((job) => results.get(job.id) as JobResult);
}
