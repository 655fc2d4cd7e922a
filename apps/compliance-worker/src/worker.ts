import { createDb } from '@wallet/db';
import { createIssuers, resolveIssuerConfig, usesDevelopmentRanges } from '@wallet/instruments';
import { ensureQueues, QUEUES } from '@wallet/jobs';
import type { MetricsServer } from '@wallet/metrics';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { readJobBacklog } from './backlog.js';
import { createWorkerBoss, syncQueueOptions, WORKER_QUEUES } from './boss.js';
import { dbTimeouts, type WorkerEnv } from './env.js';
import {
  type HandlerDeps,
  handleChangeNotification,
  handleChangeNotifications,
  handleInstrumentRequest,
  handleRestrictionExpiry,
} from './handlers.js';
import { Metrics } from './metrics.js';
import { settle, settleTogether } from './settle.js';
import { requeueStrandedRequests } from './stranded-requests.js';

export interface RunningComplianceWorker {
  metrics: Metrics;
  /** Port of /metrics, /healthz and /readyz (METRICS_PORT, or the free one picked). */
  metricsPort: number;
  /** `http://host:port` of that server. */
  metricsOrigin: string;
  /** Prometheus text at this URL. */
  metricsUrl: string;
  /** Stops fetching, drains in-flight jobs up to SHUTDOWN_TIMEOUT_MS, closes the pools. Idempotent. */
  stop(): Promise<void>;
}

const MAX_BATCH = 32;
/** Connections for a batch that falls back to one job at a time: its jobs queue for them. */
const FALLBACK_CONNECTIONS = 16;

/**
 * `concurrency` jobs in flight as fetch loops of up to 32 jobs. A loop whose batch came back full
 * fetches again at once (a backlog drains at full speed); a short batch waits for the next NOTIFY or
 * poll. With batches of 1, pg-boss would sleep a whole polling interval after every job of a backlog.
 * A batch costs a few statements whatever its size (applyChangeNotifications), so bigger batches
 * drain faster; two loops overlap one batch's fetch, completion and commit with the other's work.
 * Measured on 2 shared cores (bench/drain.ts, README "Measured"): 2 loops of 32 or more drained a
 * backlog faster than 2 of 16 or 4 of 16.
 */
function fetchShape(concurrency: number) {
  const batchSize = Math.min(MAX_BATCH, concurrency);
  return { batchSize, localConcurrency: Math.ceil(concurrency / batchSize), burstWhenBatchFull: true };
}
const inFlight = (shape: ReturnType<typeof fetchShape>) => shape.batchSize * shape.localConcurrency;

/** Wires the worker; main.ts and the tests start it here. Several processes may run it at once. */
export async function startComplianceWorker(
  env: WorkerEnv,
  logger: Logger,
): Promise<RunningComplianceWorker> {
  const notifications = fetchShape(env.WORKER_CONCURRENCY);
  // Expiries are rare next to notifications: a quarter of the concurrency, at least one.
  const expiries = fetchShape(Math.max(1, Math.ceil(env.WORKER_CONCURRENCY / 4)));
  // Instrument requests are rare too, and a callback issuer's request waits on the bank's HTTP answer.
  const instruments = fetchShape(Math.max(1, Math.ceil(env.WORKER_CONCURRENCY / 8)));
  const handle = createDb({
    connectionString: env.DATABASE_URL,
    // A notification batch shares one transaction; when it falls back to one job at a time, its
    // jobs share up to 16 connections. Expiry jobs run one transaction each. And one spare.
    max:
      notifications.localConcurrency +
      Math.min(FALLBACK_CONNECTIONS, notifications.batchSize) +
      inFlight(expiries) +
      inFlight(instruments) +
      1,
    applicationName: 'wallet-compliance-worker',
    timeouts: dbTimeouts(env),
    onPoolError: (err) => logger.warn({ err }, 'database connection lost'),
  });
  // pg-boss's own connections: a fetch and a completion per fetch loop at most, LISTEN, supervision.
  const boss = createWorkerBoss(
    env,
    notifications.localConcurrency + expiries.localConcurrency + instruments.localConcurrency + 4,
  );
  boss.on('error', (err) => logger.warn({ err }, 'pg-boss error'));
  await boss.start();
  await ensureQueues(boss);
  await syncQueueOptions(boss, logger);

  const metrics = new Metrics(boss, () => readJobBacklog(handle.db, WORKER_QUEUES));
  const issuerConfig = resolveIssuerConfig(env.INSTRUMENT_ISSUERS, env.NODE_ENV);
  if (usesDevelopmentRanges(issuerConfig)) {
    logger.warn('virtual instruments are issued from the DEVELOPMENT ranges: not real bank accounts');
  }
  const deps: HandlerDeps = {
    db: handle.db,
    boss,
    periods: { PASSWORD_CHANGED: env.PASSWORD_CHANGE_RESTRICTION_SECONDS },
    issuers: createIssuers(issuerConfig),
  };
  const ctx = { logger, metrics };
  await boss.work(
    QUEUES.changeNotification,
    {
      ...notifications,
      perJobResults: true,
      // NOTIFY wakes the workers on commit; polling only catches retries and a lost listener.
      pollingIntervalSeconds: 2,
      notifyPollingIntervalSeconds: 2,
    },
    (jobs) =>
      settleTogether(
        jobs,
        QUEUES.changeNotification,
        ctx,
        (items) => handleChangeNotifications(deps, items),
        (data, log) => handleChangeNotification(deps, data, log),
      ),
  );
  await boss.work(
    QUEUES.restrictionExpiry,
    {
      ...expiries,
      perJobResults: true,
      // Expiry jobs become due by the clock, which no NOTIFY announces: poll every second.
      pollingIntervalSeconds: 1,
      notifyPollingIntervalSeconds: 1,
    },
    (jobs) =>
      Promise.all(
        jobs.map((job) =>
          settle(job, QUEUES.restrictionExpiry, ctx, (data, log) => handleRestrictionExpiry(deps, data, log)),
        ),
      ),
  );

  await boss.work(
    QUEUES.instrumentRequest,
    { ...instruments, perJobResults: true, pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 1 },
    (jobs) =>
      Promise.all(
        jobs.map((job) =>
          settle(job, QUEUES.instrumentRequest, ctx, (data, log) =>
            handleInstrumentRequest(deps, data, job.retryCount, log),
          ),
        ),
      ),
  );

  const requeued = await requeueStrandedRequests(handle.db, boss);
  if (requeued > 0) logger.info({ requeued }, 'stranded PENDING instrument requests sent again');

  let consuming = true;
  // Ready: the database answers and this process consumes its queues (until stop() begins).
  const readiness = async () => ({
    database: await sql`SELECT 1`.execute(handle.db).then(
      () => true,
      () => false,
    ),
    consuming,
  });
  const metricsServer: MetricsServer = await metrics.serve(env.METRICS_PORT, env.METRICS_HOST, readiness);
  const metricsPort = metricsServer.port;
  logger.info(
    {
      concurrency: env.WORKER_CONCURRENCY,
      passwordChangeRestrictionSeconds: env.PASSWORD_CHANGE_RESTRICTION_SECONDS,
      metricsUrl: metricsServer.url,
    },
    'compliance worker started',
  );

  let stopped: Promise<void> | undefined;
  return {
    metrics,
    metricsPort,
    metricsOrigin: metricsServer.origin,
    metricsUrl: metricsServer.url,
    stop: () => {
      stopped ??= (async () => {
        consuming = false;
        await boss.stop({ graceful: true, timeout: env.SHUTDOWN_TIMEOUT_MS });
        await handle.destroy();
        await metricsServer.close();
        logger.info('compliance worker stopped');
      })();
      return stopped;
    },
  };
}
