import type { Database } from '@wallet/db';
import { type PgBoss, parseJobData, QUEUES } from '@wallet/jobs';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DispatcherEnv } from './env.js';
import { purgeExpiredWebhookData } from './retention.js';

/** A run stops starting batches after this long (under the job's 15-minute expiry); the next run goes on. */
const RUN_BUDGET_MS = 5 * 60_000;

/** WEBHOOK_RETENTION_CRON is not an expression pg-boss can schedule: a configuration error (exit 78). */
export class RetentionScheduleError extends Error {}

/**
 * Refuses a WEBHOOK_RETENTION_CRON that pg-boss would not schedule, before anything is started:
 * previewSchedule validates exactly as schedule() does, without the database.
 */
export function assertRetentionCron(boss: PgBoss, env: DispatcherEnv): void {
  if (env.WEBHOOK_RETENTION_DAYS === 0) return;
  try {
    boss.previewSchedule(env.WEBHOOK_RETENTION_CRON, { tz: 'UTC', count: 1 });
  } catch (err) {
    throw new RetentionScheduleError(
      `WEBHOOK_RETENTION_CRON: ${JSON.stringify(env.WEBHOOK_RETENTION_CRON)} is not a cron expression pg-boss accepts (${(err as Error).message})`,
    );
  }
}

/**
 * Registers the retention schedule (an upsert: every replica may do it, one job is sent per
 * occurrence) and works its queue. WEBHOOK_RETENTION_DAYS=0 removes the schedule: nothing is deleted.
 */
export async function scheduleRetention(
  boss: PgBoss,
  db: Kysely<Database>,
  env: DispatcherEnv,
  logger: Logger,
): Promise<void> {
  if (env.WEBHOOK_RETENTION_DAYS === 0) {
    await boss.unschedule(QUEUES.webhookRetention);
    logger.info('webhook retention off (WEBHOOK_RETENTION_DAYS=0)');
    return;
  }
  // A run missed while every dispatcher was down is made once, at the next cron pass.
  await boss.schedule(
    QUEUES.webhookRetention,
    env.WEBHOOK_RETENTION_CRON,
    {},
    {
      tz: 'UTC',
      missed: 'once',
    },
  );
  await boss.work(QUEUES.webhookRetention, { batchSize: 1, pollingIntervalSeconds: 30 }, async (jobs) => {
    // A run carries nothing; a job with data was not sent by the schedule, and is not acted on.
    const stray = jobs.map((job) => parseJobData(QUEUES.webhookRetention, job.data)).find((p) => !p.success);
    if (stray && !stray.success) {
      logger.warn({ reason: stray.reason }, 'webhook retention job ignored');
      return;
    }
    await purgeExpiredWebhookData(
      db,
      {
        retentionDays: env.WEBHOOK_RETENTION_DAYS,
        batchSize: env.WEBHOOK_RETENTION_BATCH_SIZE,
        budgetMs: RUN_BUDGET_MS,
      },
      logger,
    );
  });
}
