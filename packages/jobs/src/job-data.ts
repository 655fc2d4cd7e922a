import { z } from 'zod';
import { QUEUES } from './queues.js';

/** The request that caused a job, carried for log correlation only. */
const requestId = z.string().max(128).optional();
/** A bigint primary key, as the database's driver hands it over: a decimal string. */
const bigintId = z.string().regex(/^[1-9]\d{0,18}$/);

/**
 * The data each queue's jobs carry. Producers are typed by it (sendJob, insertJobs) and every worker
 * parses what it fetched through it (parseJobData): a job that fails its schema is poison, and is
 * dead-lettered at once. Dead-letter queues hold their source queue's jobs unchanged.
 */
export const JOB_DATA = {
  /** The stored notification is the source of truth; the worker reads everything else from its row. */
  [QUEUES.changeNotification]: z.strictObject({ notificationId: z.uuid(), requestId }),
  /** Scheduled for the restriction's expires_at. */
  [QUEUES.restrictionExpiry]: z.strictObject({
    restrictionId: z.uuid(),
    tenantId: z.uuid(),
    customerId: bigintId,
    requestId,
  }),
  /** One recorded event (events.event_id, of any event type), to fan out to its tenant's subscriptions. */
  [QUEUES.webhookFanout]: z.strictObject({ eventId: z.string().min(1).max(64), requestId }),
  /**
   * A scheduled retention run (pg-boss `schedule`, WEBHOOK_RETENTION_CRON): it carries nothing, since
   * each run purges whatever is past the retention period then.
   */
  [QUEUES.webhookRetention]: z.strictObject({}),
  /** The virtual instrument request (virtual_account_assignments.id) to put to its issuer. */
  [QUEUES.instrumentRequest]: z.strictObject({ assignmentId: bigintId, requestId }),
} as const;

/** A queue that workers consume (as opposed to a dead-letter queue). */
export type WorkQueue = keyof typeof JOB_DATA;
/** What a job of `queue` carries. */
export type JobData<Q extends WorkQueue> = z.output<(typeof JOB_DATA)[Q]>;

export type ParsedJobData<Q extends WorkQueue> =
  | { success: true; data: JobData<Q> }
  | { success: false; reason: string };

/** Checks a fetched job's data against its queue's schema; `reason` names each offending field. */
export function parseJobData<Q extends WorkQueue>(queue: Q, data: unknown): ParsedJobData<Q> {
  const parsed = JOB_DATA[queue].safeParse(data);
  if (parsed.success) return { success: true, data: parsed.data as JobData<Q> };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`);
  return { success: false, reason: `invalid job data: ${issues.join('; ')}` };
}
