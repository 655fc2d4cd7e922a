import type { Queue } from 'pg-boss';

/**
 * Every queue of the platform. Producers and workers import names from here only; their options are
 * QUEUE_DEFINITIONS below, the data of their jobs JOB_DATA (job-data.ts).
 */
export const QUEUES = {
  /** A partner's change notification, to turn into restrictions (compliance worker). */
  changeNotification: 'change-notification',
  changeNotificationDead: 'change-notification-dead',
  /** Lifts a system restriction when its cooling-off period ends (compliance worker). */
  restrictionExpiry: 'restriction-expiry',
  restrictionExpiryDead: 'restriction-expiry-dead',
  /**
   * One Account.UPDATE event, to fan out to the tenant's subscriptions (dispatcher). Deliveries
   * themselves are rows of webhook_deliveries, claimed by the dispatchers (see its README).
   */
  webhookFanout: 'webhook-fanout',
  webhookFanoutDead: 'webhook-fanout-dead',
  /**
   * Deletes delivered webhook deliveries, their attempts and old events past the retention period
   * (dispatcher, on a pg-boss schedule: WEBHOOK_RETENTION_CRON).
   */
  webhookRetention: 'webhook-retention',
  /** A virtual instrument request, to put to its issuer (compliance worker). */
  instrumentRequest: 'instrument-request',
  instrumentRequestDead: 'instrument-request-dead',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Retries of an instrument request whose issuer failed: its last attempt records FAILED. */
export const INSTRUMENT_REQUEST_RETRY_LIMIT = 3;

/** Dead letters are kept a month for inspection and replay. */
const deadLetter: Omit<Queue, 'name'> = { retentionSeconds: 30 * 24 * 3600 };

/** Queue options: retries for transient faults, a dead-letter queue for poison jobs, NOTIFY on insert. */
export const QUEUE_DEFINITIONS: Record<QueueName, Omit<Queue, 'name'>> = {
  [QUEUES.changeNotification]: {
    deadLetter: QUEUES.changeNotificationDead,
    retryLimit: 5,
    retryDelay: 1,
    retryBackoff: true,
    // A job whose worker died (SIGKILL, lost host) is retried once its heartbeat is 10 s stale.
    heartbeatSeconds: 10,
    notify: true,
  },
  [QUEUES.changeNotificationDead]: deadLetter,
  [QUEUES.restrictionExpiry]: {
    deadLetter: QUEUES.restrictionExpiryDead,
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    heartbeatSeconds: 10,
    notify: true,
  },
  [QUEUES.restrictionExpiryDead]: deadLetter,
  [QUEUES.webhookFanout]: {
    deadLetter: QUEUES.webhookFanoutDead,
    retryLimit: 10,
    retryDelay: 1,
    retryBackoff: true,
    // A dispatcher killed while fanning out: its job is handed out again once its heartbeat is 10 s stale.
    heartbeatSeconds: 10,
    notify: true,
  },
  [QUEUES.webhookFanoutDead]: deadLetter,
  [QUEUES.webhookRetention]: {
    // One run at a time, and no pile of runs behind a slow one: the next schedule takes over.
    policy: 'exclusive',
    retryLimit: 2,
    retryDelay: 60,
    // A dispatcher killed mid-run: its run is handed out again once its heartbeat is 30 s stale.
    heartbeatSeconds: 30,
    notify: true,
  },
  [QUEUES.instrumentRequest]: {
    deadLetter: QUEUES.instrumentRequestDead,
    // Bounded: an issuer still failing on the last attempt makes the request FAILED (see the worker),
    // after about 1 + 2 + 4 s; FAILED is final, and the partner may request again.
    retryLimit: INSTRUMENT_REQUEST_RETRY_LIMIT,
    retryDelay: 1,
    retryBackoff: true,
    heartbeatSeconds: 10,
    notify: true,
  },
  [QUEUES.instrumentRequestDead]: deadLetter,
};
