import { assertStoredSecretsOpen } from '@wallet/core';
import { createDb, poolTimeoutOptions } from '@wallet/db';
import {
  ensureQueues,
  type Job,
  PgBoss,
  parseJobData,
  QUEUES,
  syncHeartbeats,
  withPreparedStatements,
} from '@wallet/jobs';
import { createMetrics, type MetricsServer, observeJobs, serveMetrics } from '@wallet/metrics';
import { HttpSender, SecretBox } from '@wallet/webhooks';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { readWebhookBacklog } from './backlog.js';
import { type DispatcherEnv, dbTimeouts } from './env.js';
import { fanOut } from './fanout.js';
import { DeliveryPump } from './pump.js';
import { assertRetentionCron, scheduleRetention } from './retention-job.js';
import { Settler } from './settle.js';

export interface RunningDispatcher {
  /** Stops claiming work, drains deliveries in flight (up to SHUTDOWN_TIMEOUT_MS), closes pools. */
  stop(): Promise<void>;
  /** `http://host:port` of /metrics, /healthz and /readyz (METRICS_PORT, or the free one picked). */
  metricsOrigin: string;
  /** Prometheus text at this URL. */
  metricsUrl: string;
}

const FANOUT_BATCH = 100;

/**
 * The claim's estimated cost can cross PostgreSQL's JIT threshold, and compiling costs ~30 ms for a
 * query that runs in ~1 ms: the dispatcher's connections never JIT.
 */
function withoutJit(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `${url.searchParams.get('options') ?? ''} -c jit=off`.trim());
  return url.toString();
}

/** Wires the dispatcher: the fan-out worker and the delivery pump. main.ts and tests start it here. */
export async function startDispatcher(env: DispatcherEnv, logger: Logger): Promise<RunningDispatcher> {
  const handle = createDb({
    connectionString: withoutJit(env.DATABASE_URL),
    max: env.DATABASE_POOL_SIZE,
    applicationName: 'wallet-webhook-dispatcher',
    timeouts: dbTimeouts(env),
    onPoolError: (err) => logger.warn({ err }, 'idle database connection lost'),
  });
  // Every delivery opens its subscription's secrets: the few in use stay opened.
  const secretBox = new SecretBox(env.secretKeyring, { cacheEntries: 10_000 });
  try {
    await assertStoredSecretsOpen(handle.db, secretBox);
  } catch (err) {
    await handle.destroy();
    throw err;
  }
  // Supervised: this process also expires the fan-out jobs of dispatchers that died (SIGKILL),
  // so that pg-boss hands them out again.
  const boss = new PgBoss(
    withPreparedStatements({
      connectionString: env.DATABASE_URL,
      max: 4,
      ...poolTimeoutOptions(dbTimeouts(env)),
      application_name: 'wallet-webhook-dispatcher-jobs',
      useListenNotify: true,
      supervise: true,
      superviseIntervalSeconds: env.WEBHOOK_SUPERVISE_INTERVAL_SECONDS,
      // Expiry runs in the monitor pass, which is gated by its own interval (60 s by default).
      monitorIntervalSeconds: env.WEBHOOK_SUPERVISE_INTERVAL_SECONDS,
      // The cron pass that sends the retention job when it is due (any one replica sends it).
      schedule: true,
    }),
  );
  boss.on('error', (err) => logger.warn({ err }, 'pg-boss error'));
  assertRetentionCron(boss, env);
  await boss.start();
  await ensureQueues(boss);
  for (const queue of await syncHeartbeats(boss, [QUEUES.webhookFanout])) {
    logger.info({ queue }, 'queue heartbeat updated');
  }
  const metrics = createMetrics({
    defaultLabels: { app: 'webhook-dispatcher' },
    queues: boss,
    webhookBacklog: () => readWebhookBacklog(handle.db),
  });

  const sender = new HttpSender({
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
  });
  let pump: DeliveryPump | undefined;
  const settler = new Settler(
    handle.db,
    logger,
    (at) => pump?.wakeAt(at),
    { boss, failingThreshold: env.WEBHOOK_FAILING_THRESHOLD },
    metrics,
  );
  pump = new DeliveryPump({
    db: handle.db,
    leaseSeconds: env.leaseSeconds,
    attemptTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
    sender,
    settler,
    logger,
    concurrency: env.WEBHOOK_CONCURRENCY,
    maxInFlightPerDestination: env.WEBHOOK_MAX_IN_FLIGHT_PER_DESTINATION,
    maxInFlightPerTenant: env.maxInFlightPerTenant,
    pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
    secretBox,
    policy: {
      delays: env.retryDelays,
      jitter: env.WEBHOOK_RETRY_JITTER,
      retryAfterMaxSeconds: env.WEBHOOK_RETRY_AFTER_MAX_SECONDS,
    },
  });
  const running = pump;

  await boss.work(
    QUEUES.webhookFanout,
    {
      batchSize: FANOUT_BATCH,
      // A full batch means more are waiting: fetch the next at once instead of at the next poll.
      burstWhenBatchFull: true,
      pollingIntervalSeconds: 1,
      notifyPollingIntervalSeconds: 2,
      perJobResults: true,
    },
    observeJobs(metrics, QUEUES.webhookFanout, async (jobs: Job<unknown>[]) => {
      // A job whose data fails its schema is poison: dead-lettered at once, the rest fan out.
      const results = [];
      const valid = [];
      for (const job of jobs) {
        const parsed = parseJobData(QUEUES.webhookFanout, job.data);
        if (parsed.success) {
          valid.push({ id: job.id, data: parsed.data });
        } else {
          logger.error({ jobId: job.id, queue: job.name, reason: parsed.reason }, 'job dead-lettered');
          results.push({ id: job.id, status: 'deadletter' as const, output: { reason: parsed.reason } });
        }
      }
      const created = await fanOut(
        handle.db,
        valid.map((j) => j.data.eventId),
      );
      if (created > 0) running.wake();
      // The request that caused each event, so that one id follows a change from the API to its webhooks.
      for (const job of valid) {
        logger.info({ eventId: job.data.eventId, requestId: job.data.requestId }, 'event fanned out');
        results.push({ id: job.id, status: 'completed' as const });
      }
      logger.debug({ events: valid.length, deliveries: created }, 'fanned out');
      return results;
    }),
  );
  await scheduleRetention(boss, handle.db, env, logger);
  running.start();
  let consuming = true;
  // Ready: the database answers and this process consumes the fan-out queue and pumps deliveries.
  const metricsServer: MetricsServer = await serveMetrics({
    port: env.METRICS_PORT,
    host: env.METRICS_HOST,
    registry: metrics.registry,
    readiness: async () => ({
      database: await sql`SELECT 1`.execute(handle.db).then(
        () => true,
        () => false,
      ),
      consuming,
    }),
  });
  logger.info(
    {
      concurrency: env.WEBHOOK_CONCURRENCY,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      delays: env.retryDelays,
      metricsUrl: metricsServer.url,
    },
    'webhook dispatcher started',
  );

  let stopped: Promise<void> | undefined;
  return {
    metricsOrigin: metricsServer.origin,
    metricsUrl: metricsServer.url,
    stop: () => {
      stopped ??= (async () => {
        consuming = false;
        const left = await running.stop(env.SHUTDOWN_TIMEOUT_MS);
        if (left > 0)
          logger.warn({ left }, 'deliveries still in flight at the cap; their leases will expire');
        await boss.stop({ graceful: true, timeout: Math.max(1000, env.SHUTDOWN_TIMEOUT_MS / 2) });
        sender.close();
        await handle.destroy();
        await metricsServer.close();
        const { rss, heapUsed } = process.memoryUsage();
        logger.info({ rssBytes: rss, heapUsedBytes: heapUsed }, 'webhook dispatcher stopped');
      })();
      return stopped;
    },
  };
}
