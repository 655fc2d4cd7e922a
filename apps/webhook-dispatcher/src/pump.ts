import type { Database } from '@wallet/db';
import { type Job, type PgBoss, QUEUES } from '@wallet/jobs';
import { type DeliveryJobData, deliveryJobKey, type RetryPolicy } from '@wallet/webhooks';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { attemptDelivery } from './attempt.js';
import { type DeliveryHead, loadHeads } from './heads.js';
import type { HttpSender } from './http-post.js';
import type { Settlement } from './settlement.js';
import type { Settler } from './settle.js';

const FETCH_MAX = 100;
/** A head due within this much is attempted now rather than deferred again. */
const DUE_SLACK_MS = 20;

export interface PumpOptions {
  db: Kysely<Database>;
  boss: PgBoss;
  sender: HttpSender;
  settler: Settler;
  policy: RetryPolicy;
  logger: Logger;
  concurrency: number;
  pollIntervalMs: number;
}

/**
 * Claims delivery jobs and runs them, up to `concurrency` at once, each on its own (a slow
 * subscriber holds one slot, not a batch). It fetches again as soon as slots free while work is
 * left, when woken (a fan-out here committed, a retry here came due), and every poll interval.
 */
export class DeliveryPump {
  readonly #o: PumpOptions;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #stopping = false;
  #woken = false;
  #backlog = false;
  #wakeSleeper: (() => void) | undefined;
  #loop: Promise<void> | undefined;

  constructor(options: PumpOptions) {
    this.#o = options;
  }

  start(): void {
    this.#loop = this.#run();
  }

  wake(): void {
    this.#woken = true;
    this.#wakeSleeper?.();
  }

  /** Wakes the pump when a retry scheduled by this process comes due. */
  wakeAt(at: Date): void {
    if (this.#stopping) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.wake();
    }, Math.max(0, at.getTime() - Date.now()));
    timer.unref();
    this.#timers.add(timer);
  }

  /** Stops fetching and waits for deliveries in flight, at most `capMs`; returns how many were left. */
  async stop(capMs: number): Promise<number> {
    this.#stopping = true;
    this.wake();
    await this.#loop;
    for (const timer of this.#timers) clearTimeout(timer);
    const drained = Promise.all(this.#inFlight).then(() => true);
    const cap = new Promise<false>((resolve) => setTimeout(() => resolve(false), capMs).unref());
    return (await Promise.race([drained, cap])) ? 0 : this.#inFlight.size;
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      const free = this.#o.concurrency - this.#inFlight.size;
      if (free <= 0) {
        await this.#sleep(this.#o.pollIntervalMs);
        continue;
      }
      const wanted = Math.min(free, FETCH_MAX);
      let jobs: Job<DeliveryJobData>[] = [];
      try {
        jobs = await this.#o.boss.fetch<DeliveryJobData>(QUEUES.webhookDelivery, { batchSize: wanted });
      } catch (err) {
        this.#o.logger.warn({ err }, 'fetching delivery jobs failed');
        await this.#sleep(1000);
        continue;
      }
      this.#backlog = jobs.length === wanted;
      if (jobs.length > 0) this.#dispatch(jobs);
      if (!this.#backlog) await this.#sleep(this.#o.pollIntervalMs);
    }
  }

  #sleep(ms: number): Promise<void> {
    if (this.#woken || this.#stopping) {
      this.#woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.#wakeSleeper = undefined;
        self.#woken = false;
        resolve();
      }
      this.#wakeSleeper = done;
    });
  }

  #dispatch(jobs: Job<DeliveryJobData>[]): void {
    const heads = loadHeads(
      this.#o.db,
      jobs.map((j) => j.data),
    );
    for (const job of jobs) {
      const run = this.#deliver(job, heads).finally(() => {
        this.#inFlight.delete(run);
        if (this.#backlog) this.wake();
      });
      this.#inFlight.add(run);
    }
  }

  async #deliver(job: Job<DeliveryJobData>, heads: Promise<Map<string, DeliveryHead>>): Promise<void> {
    const ref = { id: job.id, retryCount: job.retryCount };
    try {
      const head = (await heads).get(deliveryJobKey(job.data.subscriptionId, job.data.accountId));
      await this.#o.settler.submit(await this.#decide(ref, head));
    } catch (err) {
      // Left claimed: when its lease ends, pg-boss hands the job out again (at least once).
      this.#o.logger.error({ err, jobId: job.id }, 'delivery job failed');
    }
  }

  async #decide(job: Settlement['job'], head: DeliveryHead | undefined): Promise<Settlement> {
    if (!head) return { kind: 'done', job };
    if (!head.subscriptionActive) return { kind: 'orphaned', job, deliveryId: head.deliveryId };
    if (head.nextAttemptAt.getTime() > Date.now() + DUE_SLACK_MS) {
      return { kind: 'deferred', job, nextAttemptAt: head.nextAttemptAt };
    }
    const outcome = await attemptDelivery(head, this.#o.sender, this.#o.policy);
    const { record } = outcome;
    this.#o.logger.debug(
      {
        deliveryId: head.deliveryId,
        eventId: head.eventId,
        subscriptionId: head.subscriptionId,
        attempt: record.attempt,
        statusCode: record.statusCode,
        error: record.error,
        durationMs: record.durationMs,
        outcome: outcome.kind,
      },
      'delivery attempt',
    );
    return { kind: 'attempted', job, deliveryId: head.deliveryId, subscriptionId: head.subscriptionId, outcome };
  }
}
