import { PgBoss, QUEUE_DEFINITIONS, QUEUES, withPreparedStatements } from '@wallet/jobs';
import type { Logger } from 'pino';
import type { WorkerEnv } from './env.js';

/** The queues this worker consumes. */
export const WORKER_QUEUES = [QUEUES.changeNotification, QUEUES.restrictionExpiry] as const;

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
      application_name: 'wallet-compliance-worker-jobs',
      useListenNotify: true,
      supervise: true,
      superviseIntervalSeconds: env.SUPERVISE_INTERVAL_SECONDS,
      monitorIntervalSeconds: env.SUPERVISE_INTERVAL_SECONDS,
      schedule: false,
    }),
  );
}

/**
 * ensureQueues creates missing queues only; a queue created before its definition gained a
 * heartbeat gets it here, so that crash recovery works on databases that predate it.
 */
export async function syncQueueOptions(boss: PgBoss, logger: Logger): Promise<void> {
  for (const name of WORKER_QUEUES) {
    const wanted = QUEUE_DEFINITIONS[name].heartbeatSeconds ?? null;
    const queue = await boss.getQueue(name);
    if (queue && (queue.heartbeatSeconds ?? null) !== wanted) {
      await boss.updateQueue(name, { heartbeatSeconds: wanted });
      logger.info({ queue: name, heartbeatSeconds: wanted }, 'queue options updated');
    }
  }
}
