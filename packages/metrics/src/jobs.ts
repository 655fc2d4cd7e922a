import type { Metrics, WebhookDeliveryOutcome } from './create-metrics.js';

/**
 * Wraps a pg-boss work handler (it receives a batch of jobs): on success every job of the batch counts
 * as processed, on a throw every one counts as failed and the error goes on to pg-boss.
 */
export function observeJobs<J extends readonly unknown[], R>(
  metrics: Pick<Metrics, 'jobsProcessed' | 'jobsFailed'>,
  queue: string,
  handler: (jobs: J) => Promise<R>,
): (jobs: J) => Promise<R> {
  return async (jobs) => {
    try {
      const result = await handler(jobs);
      metrics.jobsProcessed.inc({ queue }, jobs.length);
      return result;
    } catch (err) {
      metrics.jobsFailed.inc({ queue }, jobs.length);
      throw err;
    }
  };
}

/** One webhook delivery attempt's outcome; `failed` with a cancellation also counts the subscription. */
export function recordWebhookDelivery(
  metrics: Pick<Metrics, 'webhookDeliveries' | 'subscriptionsCancelled'>,
  outcome: WebhookDeliveryOutcome,
  options: { subscriptionCancelled?: boolean } = {},
): void {
  metrics.webhookDeliveries.inc({ outcome });
  if (options.subscriptionCancelled) metrics.subscriptionsCancelled.inc();
}

/** How a worker settled one job: completed, failed (pg-boss retries it), or dead-lettered. */
export type JobSettlement = 'completed' | 'retried' | 'dead_lettered';

/** Counts one settled job: completed is processed; retried and dead-lettered are failed, the latter also dead-lettered. */
export function recordJob(
  metrics: Pick<Metrics, 'jobsProcessed' | 'jobsFailed' | 'jobsDeadLettered'>,
  queue: string,
  settlement: JobSettlement,
): void {
  if (settlement === 'completed') {
    metrics.jobsProcessed.inc({ queue });
    return;
  }
  metrics.jobsFailed.inc({ queue });
  if (settlement === 'dead_lettered') metrics.jobsDeadLettered.inc({ queue });
}
