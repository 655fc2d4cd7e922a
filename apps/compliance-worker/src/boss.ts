import { poolTimeoutOptions } from '@wallet/db';
import { PgBoss, QUEUE_DEFINITIONS, QUEUES, syncHeartbeats, withPreparedStatements } from '@wallet/jobs';
import type { Logger } from 'pino';
import { dbTimeouts, type WorkerEnv } from './env.js';

/** The queues this worker consumes. */
export const WORKER_QUEUES = [
  QUEUES.changeNotification,
  QUEUES.restrictionExpiry,
  QUEUES.instrumentRequest,
] as const;

/**
 * pg-boss for a worker: woken on commit by LISTEN/NOTIFY (polling stays as the fallback), and
 * supervising, so that the jobs of a worker that died are failed by their stale heartbeat and retried
 * within seconds instead of at the 15-minute expiry.
 */
export function createWorkerBoss(env: WorkerEnv, poolSize: number): PgBoss {
  return new PgBoss(
    withPreparedStatements({
      connectionString: env.DATABASE_URL,
      max: poolSize,
      ...poolTimeoutOptions(dbTimeouts(env)),
      application_name: 'wallet-compliance-worker-jobs',
      useListenNotify: true,
      supervise: true,
      superviseIntervalSeconds: env.SUPERVISE_INTERVAL_SECONDS,
      monitorIntervalSeconds: env.SUPERVISE_INTERVAL_SECONDS,
      schedule: false,
    }),
  );
}

/** Brings the worker's queues' heartbeats up to their definitions (see syncHeartbeats). */
export async function syncQueueOptions(boss: PgBoss, logger: Logger): Promise<void> {
  for (const queue of await syncHeartbeats(boss, WORKER_QUEUES)) {
    logger.info(
      { queue, heartbeatSeconds: QUEUE_DEFINITIONS[queue].heartbeatSeconds },
      'queue options updated',
    );
  }
}
