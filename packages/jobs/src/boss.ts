import { type DbTimeouts, PreparingClient, poolTimeoutOptions } from '@wallet/db';
import { type ConstructorOptions, PgBoss } from 'pg-boss';
import { QUEUE_DEFINITIONS, type QueueName } from './queues.js';

export interface BossConfig {
  connectionString: string;
  /** Pool size of pg-boss's own connections; default 4. */
  max?: number;
  /** Only worker processes run pg-boss maintenance and schedules. */
  supervise?: boolean;
  applicationName?: string;
  /** Statement, lock and connection limits of pg-boss's pool (see @wallet/db); default DEFAULT_DB_TIMEOUTS. */
  timeouts?: DbTimeouts;
}

/**
 * pg-boss's pool passes its options to pg.Pool, so its connections can prepare statements by name
 * too: pg-boss's statements are long, and parsing and planning its job insert on every call cost more
 * database CPU than running it (pg_stat_statements). Plans stay PostgreSQL's choice: a generic fetch
 * plan made while a queue's table is still empty and unanalysed scanned it whole ever after (10 ms a
 * fetch instead of 0.5 ms), so generic plans are not forced here.
 */
export function withPreparedStatements(options: ConstructorOptions): ConstructorOptions {
  return { ...options, Client: PreparingClient } as ConstructorOptions;
}

/**
 * Builds (does not start) a pg-boss instance that sends jobs: the API's, and the tests' and benches'.
 * Its inserts on `notify: true` queues NOTIFY the workers on commit; it listens to nothing itself,
 * since it works no queue, so no NOTIFY wakes it (workers build theirs with useListenNotify).
 */
export function createBoss(config: BossConfig): PgBoss {
  return new PgBoss(
    withPreparedStatements({
      connectionString: config.connectionString,
      max: config.max ?? 4,
      ...poolTimeoutOptions(config.timeouts),
      application_name: config.applicationName ?? 'wallet-jobs',
      useListenNotify: false,
      supervise: config.supervise ?? false,
      schedule: false,
    }),
  );
}

/** Creates every queue that does not exist yet; safe to run from many processes at once. */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  // Dead-letter queues first: a queue may only name an existing dead-letter queue.
  const names = (Object.keys(QUEUE_DEFINITIONS) as QueueName[]).sort((a, b) =>
    a.endsWith('-dead') === b.endsWith('-dead') ? 0 : a.endsWith('-dead') ? -1 : 1,
  );
  for (const name of names) {
    if (existing.has(name)) continue;
    try {
      await boss.createQueue(name, QUEUE_DEFINITIONS[name]);
    } catch (err) {
      // Another process created it between our read and our insert.
      if (!(await boss.getQueue(name))) throw err;
    }
  }
}

/**
 * ensureQueues creates missing queues only; a queue created before its definition gained a
 * heartbeat gets it here, so that crash recovery works on databases that predate it. Returns the
 * queues it updated.
 */
export async function syncHeartbeats(boss: PgBoss, names: readonly QueueName[]): Promise<QueueName[]> {
  const updated: QueueName[] = [];
  for (const name of names) {
    const wanted = QUEUE_DEFINITIONS[name].heartbeatSeconds ?? null;
    const queue = await boss.getQueue(name);
    if (queue && (queue.heartbeatSeconds ?? null) !== wanted) {
      await boss.updateQueue(name, { heartbeatSeconds: wanted });
      updated.push(name);
    }
  }
  return updated;
}
