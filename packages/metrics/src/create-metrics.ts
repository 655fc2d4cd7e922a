import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** One queue's counts as pg-boss `getQueues()` reports them (a structural subset, so any source fits). */
export interface QueueCounts {
  name: string;
  queuedCount: number;
  activeCount: number;
  deferredCount?: number;
}

/** Where the queue-depth gauge reads its counts at each scrape: a started PgBoss fits as it is. */
export interface QueueCountSource {
  getQueues(): Promise<QueueCounts[]>;
}

/** How a webhook delivery attempt ended: 200 (delivered), another answer or none (retrying), out of attempts (failed). */
export type WebhookDeliveryOutcome = 'delivered' | 'retrying' | 'failed';

/** The webhook backlog at scrape time: deliveries due now, and how long the oldest of them has been due. */
export interface WebhookBacklog {
  due: number;
  oldestDueAgeSeconds: number;
}

/** Jobs of one queue that are due (created or retrying, start time reached) but not yet taken. */
export interface JobBacklog {
  queue: string;
  waiting: number;
  oldestWaitingAgeSeconds: number;
}

export interface MetricsOptions {
  /** Labels on every series of this registry, e.g. `{ app: 'api' }`. */
  defaultLabels?: Record<string, string>;
  /** Process metrics (CPU, memory, event loop lag, GC); default true. */
  processMetrics?: boolean;
  /** Counts for `wallet_queue_depth`, read at scrape time; without one that gauge has no series. */
  queues?: QueueCountSource;
  /** The API's intake batcher, for `wallet_intake_waiting` / `wallet_intake_in_flight` at scrape time. */
  intake?: { depth(): { waiting: number; inFlight: number } };
  /** Read at scrape time for `wallet_webhook_deliveries_due` and `..._oldest_due_delivery_age_seconds`. */
  webhookBacklog?: () => Promise<WebhookBacklog>;
  /** Read at scrape time for `wallet_jobs_waiting{queue}` and `wallet_jobs_oldest_waiting_age_seconds{queue}`. */
  jobBacklog?: () => Promise<JobBacklog[]>;
}

/**
 * A gauge set from one read per scrape. A failed read counts in wallet_backlog_read_errors_total and
 * leaves a labelled gauge without series, an unlabelled one at NaN (prom-client always prints an
 * unlabelled gauge, and 0 would read as an empty backlog): stale or made-up numbers are worse than none.
 */
function scrapedOnce<T>(read: (() => Promise<T>) | undefined, onError: () => void) {
  let pending: Promise<T | undefined> | undefined;
  // Two gauges read the same value in one scrape: share the query between them.
  return async (): Promise<T | undefined> => {
    if (!read) return undefined;
    pending ??= read().then(
      (value) => value,
      () => {
        onError();
        return undefined;
      },
    );
    const result = await pending;
    queueMicrotask(() => {
      pending = undefined;
    });
    return result;
  };
}

/**
 * prom-client reports three gauges twice: `nodejs_active_{handles,requests,resources}` and the same
 * totals as `..._total`, a counter's suffix that promtool flags. The `_total` copies go.
 */
function dropTotalSuffixedGauges(registry: Registry): void {
  for (const kind of ['handles', 'requests', 'resources'])
    registry.removeSingleMetric(`wallet_nodejs_active_${kind}_total`);
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A fresh registry with the platform's metrics registered in it and nowhere else: each process (and
 * each test) gets its own, so nothing leaks through prom-client's global registry.
 */
export function createMetrics(options: MetricsOptions = {}) {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
  const registers = [registry];
  if (options.processMetrics ?? true) {
    collectDefaultMetrics({ register: registry, prefix: 'wallet_' });
    dropTotalSuffixedGauges(registry);
  }
  const source = options.queues;

  const httpRequests = new Counter({
    name: 'wallet_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const httpRequestDuration = new Histogram({
    name: 'wallet_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers,
  });
  const jobsProcessed = new Counter({
    name: 'wallet_jobs_processed_total',
    help: 'Jobs a worker completed, per queue',
    labelNames: ['queue'] as const,
    registers,
  });
  const jobsFailed = new Counter({
    name: 'wallet_jobs_failed_total',
    help: 'Jobs that did not complete (pg-boss retries them or they are dead-lettered), per queue',
    labelNames: ['queue'] as const,
    registers,
  });
  const jobsDeadLettered = new Counter({
    name: 'wallet_jobs_dead_lettered_total',
    help: 'Jobs moved to their dead-letter queue (poison data, or retries spent), per queue',
    labelNames: ['queue'] as const,
    registers,
  });
  const intake = options.intake;
  if (intake) {
    new Gauge({
      name: 'wallet_intake_waiting',
      help: 'Change notifications waiting for the intake statement (past INTAKE_MAX_WAITING a request is 503)',
      registers,
      collect() {
        this.set(intake.depth().waiting);
      },
    });
    new Gauge({
      name: 'wallet_intake_in_flight',
      help: 'Intake statements running',
      registers,
      collect() {
        this.set(intake.depth().inFlight);
      },
    });
  }
  const queueDepth = new Gauge({
    name: 'wallet_queue_depth',
    help: 'Jobs in each pg-boss queue by state, from getQueues() at scrape time (pg-boss refreshes these counts in its monitor)',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      if (!source) return;
      // Stale numbers are worse than none: a failed read leaves the gauge empty for this scrape.
      this.reset();
      let queues: QueueCounts[];
      try {
        queues = await source.getQueues();
      } catch {
        queueDepthErrors.inc();
        return;
      }
      for (const q of queues) {
        this.set({ queue: q.name, state: 'queued' }, q.queuedCount);
        this.set({ queue: q.name, state: 'active' }, q.activeCount);
        if (q.deferredCount !== undefined) this.set({ queue: q.name, state: 'deferred' }, q.deferredCount);
      }
    },
  });
  // Registered after the gauge so that a scrape shows the error that same scrape counted.
  const queueDepthErrors = new Counter({
    name: 'wallet_queue_depth_read_errors_total',
    help: 'Scrapes at which the queue counts could not be read (database unreachable)',
    registers,
  });
  const webhookDeliveries = new Counter({
    name: 'wallet_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome: delivered (HTTP 200), retrying, failed (attempts exhausted)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const subscriptionsCancelled = new Counter({
    name: 'wallet_webhook_subscriptions_cancelled_total',
    help: 'Webhook subscriptions cancelled because a delivery ran out of attempts',
    registers,
  });

  const webhookBacklog = scrapedOnce(options.webhookBacklog, () => backlogErrors.inc());
  new Gauge({
    name: 'wallet_webhook_deliveries_due',
    help: 'Webhook deliveries due now (pending, their next attempt time reached), read at scrape time',
    registers,
    async collect() {
      this.reset();
      this.set((await webhookBacklog())?.due ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'wallet_webhook_oldest_due_delivery_age_seconds',
    help: 'How long the oldest due webhook delivery has been due (0 when none is): the dispatch lag',
    registers,
    async collect() {
      this.reset();
      this.set((await webhookBacklog())?.oldestDueAgeSeconds ?? Number.NaN);
    },
  });
  const jobBacklog = scrapedOnce(options.jobBacklog, () => backlogErrors.inc());
  new Gauge({
    name: 'wallet_jobs_waiting',
    help: 'Jobs due (created or retrying, start time reached) and not yet taken by a worker, per queue, read at scrape time',
    labelNames: ['queue'] as const,
    registers,
    async collect() {
      this.reset();
      for (const q of (await jobBacklog()) ?? []) this.set({ queue: q.queue }, q.waiting);
    },
  });
  new Gauge({
    name: 'wallet_jobs_oldest_waiting_age_seconds',
    help: 'How long the oldest waiting job of each queue has been due (0 when none is): the queue lag',
    labelNames: ['queue'] as const,
    registers,
    async collect() {
      this.reset();
      for (const q of (await jobBacklog()) ?? []) this.set({ queue: q.queue }, q.oldestWaitingAgeSeconds);
    },
  });
  // Registered after the gauges so that a scrape shows the error that same scrape counted.
  const backlogErrors = new Counter({
    name: 'wallet_backlog_read_errors_total',
    help: 'Scrapes at which a backlog gauge could not be read (database unreachable)',
    registers,
  });

  return {
    registry,
    httpRequests,
    httpRequestDuration,
    jobsProcessed,
    jobsFailed,
    jobsDeadLettered,
    queueDepth,
    webhookDeliveries,
    subscriptionsCancelled,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
