import type { Database } from '@wallet/db';
import type { HttpSender, RetryPolicy, SecretBox } from '@wallet/webhooks';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { attemptDelivery } from './attempt.js';
import { claimDue, type DeliveryHead } from './claim.js';
import type { Settler } from './settle.js';
import type { Settlement } from './settlement.js';

const CLAIM_MAX = 100;

export interface PumpOptions {
  db: Kysely<Database>;
  leaseSeconds: number;
  sender: HttpSender;
  settler: Settler;
  policy: RetryPolicy;
  /** Opens the subscriptions' encrypted secrets to sign with. */
  secretBox: SecretBox;
  logger: Logger;
  concurrency: number;
  /** Most deliveries in flight to one destination (host:port) from this replica. */
  maxInFlightPerDestination: number;
  /** Most deliveries in flight for one tenant from this replica. */
  maxInFlightPerTenant: number;
  pollIntervalMs: number;
}

/** Counts per key, dropping a key at zero so the maps stay as small as what is in flight. */
class Tally {
  readonly counts = new Map<string, number>();
  add(key: string, n: number): void {
    const next = (this.counts.get(key) ?? 0) + n;
    if (next <= 0) this.counts.delete(key);
    else this.counts.set(key, next);
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  /** What each key in flight may still start, under `cap`. */
  free(cap: number): Map<string, number> {
    return new Map([...this.counts].map(([k, n]) => [k, cap - n]));
  }
}

/**
 * Claims due deliveries and sends them, up to `concurrency` at once, each on its own (a slow
 * subscriber holds one slot, not a batch). It claims again as soon as slots free while work is
 * left, when woken (a fan-out here committed, a retry here came due), and every poll interval.
 *
 * Fairness: at most `maxInFlightPerDestination` deliveries to one host:port and
 * `maxInFlightPerTenant` for one tenant are in flight at once; the claim skips heads past those
 * caps and takes the others round-robin (see claimDue). A dead endpoint with hundreds of
 * subscriptions therefore holds a few slots for its timeouts, and other tenants' deliveries go out
 * in the slots that are left.
 */
export class DeliveryPump {
  readonly #o: PumpOptions;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #perTenant = new Tally();
  readonly #perDestination = new Tally();
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
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        this.wake();
      },
      Math.max(0, at.getTime() - Date.now()),
    );
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
      // With work left, claim in batches rather than a row per freed slot.
      if (free <= 0 || (this.#backlog && free < Math.min(32, Math.ceil(this.#o.concurrency / 4)))) {
        await this.#sleep(this.#o.pollIntervalMs);
        continue;
      }
      const wanted = Math.min(free, CLAIM_MAX);
      let heads: DeliveryHead[] = [];
      const claimStarted = Date.now();
      try {
        heads = await claimDue(this.#o.db, wanted, this.#o.leaseSeconds, {
          tenantFree: this.#perTenant.free(this.#o.maxInFlightPerTenant),
          destinationFree: this.#perDestination.free(this.#o.maxInFlightPerDestination),
          tenantCap: this.#o.maxInFlightPerTenant,
          destinationCap: this.#o.maxInFlightPerDestination,
        });
      } catch (err) {
        this.#o.logger.warn({ err }, 'claiming deliveries failed');
        await this.#sleep(1000);
        continue;
      }
      this.#backlog = heads.length === wanted;
      for (const head of heads) {
        this.#perTenant.add(head.tenantId, 1);
        this.#perDestination.add(head.destination, 1);
        const run = this.#deliver(head, claimStarted).finally(() => {
          this.#inFlight.delete(run);
          // A tenant or destination at its cap may have left work behind that the claim skipped.
          const wasCapped =
            this.#perTenant.get(head.tenantId) >= this.#o.maxInFlightPerTenant ||
            this.#perDestination.get(head.destination) >= this.#o.maxInFlightPerDestination;
          this.#perTenant.add(head.tenantId, -1);
          this.#perDestination.add(head.destination, -1);
          if (this.#backlog || wasCapped) this.wake();
        });
        this.#inFlight.add(run);
      }
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

  async #deliver(head: DeliveryHead, claimStarted: number): Promise<void> {
    try {
      await this.#o.settler.submit(await this.#decide(head, claimStarted));
    } catch (err) {
      // Left claimed: when its lease ends, it is claimed and sent again (at least once).
      this.#o.logger.error({ err, deliveryId: head.deliveryId }, 'delivery failed');
    }
  }

  async #decide(head: DeliveryHead, claimStarted: number): Promise<Settlement> {
    // This process cancelled the subscription after the claim began (the claim may have read it as
    // still active): not sent after all. A cancellation before the claim is in subscriptionActive.
    const cancelledAt = this.#o.settler.cancelledAt(head.subscriptionId);
    if (head.subscriptionPaused) return { kind: 'held', head };
    if (!head.subscriptionActive || (cancelledAt !== undefined && cancelledAt >= claimStarted)) {
      return { kind: 'orphaned', head };
    }
    const outcome = await attemptDelivery(head, this.#o.sender, this.#o.policy, this.#o.secretBox);
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
    return { kind: 'attempted', head, outcome };
  }
}
