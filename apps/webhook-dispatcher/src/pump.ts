import type { Database } from '@wallet/db';
import type { HttpSender, RetryPolicy, SecretBox } from '@wallet/webhooks';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { attemptDelivery } from './attempt.js';
import { type ClaimBudget, claimDue, type DeliveryHead } from './claim.js';
import type { Settler } from './settle.js';
import type { Settlement } from './settlement.js';

const CLAIM_MAX = 100;
/**
 * A tenant or destination may hold this many times its cap claimed (being sent, or ready to be): at
 * a cap of 16 and an answer in ~2 ms, one claim's round trip (~5-10 ms on a loaded machine) sends
 * about 4 x 16, which the heads claimed ahead cover while the next claim is under way.
 */
export const CLAIM_AHEAD = 4;
/** Below this much room in the lease for waiting, heads are not claimed ahead of a free slot. */
const MIN_READY_WINDOW_MS = 500;

export interface PumpOptions {
  db: Kysely<Database>;
  leaseSeconds: number;
  /** The deadline of one attempt (WEBHOOK_TIMEOUT_MS): a claimed head must start early enough to end in its lease. */
  attemptTimeoutMs: number;
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
  /** What each key present may still take, under `cap`. */
  free(cap: number): Map<string, number> {
    return new Map([...this.counts].map(([k, n]) => [k, cap - n]));
  }
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** A claimed head not sent yet: it waits for a slot of its tenant and destination. */
interface ReadyHead {
  head: DeliveryHead;
  claimStarted: number;
}

/**
 * Claims due deliveries and sends them, up to `concurrency` at once, each on its own (a slow
 * subscriber holds one slot, not a batch). It claims again as soon as slots free while work is
 * left, when woken (a fan-out here committed, a retry here came due), and every poll interval.
 *
 * Fairness: at most `maxInFlightPerDestination` deliveries to one host:port and
 * `maxInFlightPerTenant` for one tenant are in flight (being sent) at once; the claim skips heads past
 * their budget and takes the others round-robin (see claimDue). A dead endpoint with hundreds of
 * subscriptions therefore holds a few slots for its timeouts, and other tenants' deliveries go out
 * in the slots that are left.
 *
 * Throughput to one destination: a claim is a database round trip, and a destination at its cap
 * would otherwise wait for one after every answer (a freed slot refilled by the next claim, so about
 * cap / claim latency deliveries a second). So the claim takes each tenant and destination up to
 * twice its cap (`ready`, claimed but not yet sent): a slot that frees starts a ready head at once,
 * and the next claim, already under way, refills the ready heads, coalescing every slot that freed
 * meanwhile. A ready head that could not start while its lease still had room for a whole attempt
 * and its settlement goes back unsent (`held`: pending and due), so prefetching never outlives a
 * lease.
 */
export class DeliveryPump {
  readonly #o: PumpOptions;
  /** Deliveries being sent or settled: what `concurrency` bounds. */
  readonly #inFlight = new Set<Promise<void>>();
  /** Claimed and not sent yet, in claim order. */
  #ready: ReadyHead[] = [];
  /** Being sent, per tenant and destination: what the caps bound. */
  readonly #sendingPerTenant = new Tally();
  readonly #sendingPerDestination = new Tally();
  /** Ready or being sent, per tenant and destination: what the claim's budget bounds. */
  readonly #claimedPerTenant = new Tally();
  readonly #claimedPerDestination = new Tally();
  /** Tenants and destinations that may have more due than their budget let the last claims take. */
  readonly #saturatedTenants = new Set<string>();
  readonly #saturatedDestinations = new Set<string>();
  /** How long a ready head may wait for a slot (0: nothing is claimed ahead). */
  readonly #readyWindowMs: number;
  readonly #timers = new Set<NodeJS.Timeout>();
  /** When wake() last said new work may be due. */
  #newWorkAt = 0;
  #stopping = false;
  #woken = false;
  #backlog = false;
  #wakeSleeper: (() => void) | undefined;
  #loop: Promise<void> | undefined;

  constructor(options: PumpOptions) {
    this.#o = options;
    // Half the lease's room beyond one attempt; the other half is for the settlement.
    const window = (options.leaseSeconds * 1000 - options.attemptTimeoutMs) / 2;
    this.#readyWindowMs = window >= MIN_READY_WINDOW_MS ? window : 0;
  }

  start(): void {
    this.#loop = this.#run();
  }

  /** New work may be due (a fan-out here committed, a retry came due): claim at once. */
  wake(): void {
    this.#newWorkAt = Date.now();
    this.#rouse();
  }

  #rouse(): void {
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
    this.#rouse();
    await this.#loop;
    for (const timer of this.#timers) clearTimeout(timer);
    // Heads claimed ahead and not sent go back at once rather than at their lease's end.
    for (const { head } of this.#ready.splice(0)) this.#release(head);
    const drained = Promise.all(this.#inFlight).then(() => true);
    const cap = new Promise<false>((resolve) => setTimeout(() => resolve(false), capMs).unref());
    return (await Promise.race([drained, cap])) ? 0 : this.#inFlight.size;
  }

  /** Claim budgets are per tenant and destination: their cap, twice over while claiming ahead. */
  #budgetCap(cap: number): number {
    return this.#readyWindowMs > 0 ? CLAIM_AHEAD * cap : cap;
  }

  async #run(): Promise<void> {
    // The replica's room grows with the tenants' and destinations' budgets, so that one tenant's
    // budget is the same share of it as its cap is of the concurrency (fairness.test.ts).
    const room = () => this.#budgetCap(this.#o.concurrency) - this.#inFlight.size - this.#ready.length;
    while (!this.#stopping) {
      // Also sends back ready heads that waited too long while nothing ended.
      this.#startReady();
      const free = room();
      // With work left, claim in batches rather than a row per freed slot.
      if (free <= 0 || (this.#backlog && free < Math.min(32, Math.ceil(this.#o.concurrency / 4)))) {
        await this.#sleep(this.#o.pollIntervalMs);
        continue;
      }
      const wanted = Math.min(free, CLAIM_MAX);
      const tenantCap = this.#budgetCap(this.#o.maxInFlightPerTenant);
      const destinationCap = this.#budgetCap(this.#o.maxInFlightPerDestination);
      const budget: ClaimBudget = {
        tenantFree: this.#claimedPerTenant.free(tenantCap),
        destinationFree: this.#claimedPerDestination.free(destinationCap),
        tenantCap,
        destinationCap,
      };
      let heads: DeliveryHead[] = [];
      const claimStarted = Date.now();
      try {
        heads = await claimDue(this.#o.db, wanted, this.#o.leaseSeconds, budget);
      } catch (err) {
        this.#o.logger.warn({ err }, 'claiming deliveries failed');
        await this.#sleep(1000);
        continue;
      }
      this.#backlog = heads.length === wanted;
      this.#noteSaturation(heads, budget);
      for (const head of heads) {
        this.#claimedPerTenant.add(head.tenantId, 1);
        this.#claimedPerDestination.add(head.destination, 1);
        this.#ready.push({ head, claimStarted });
      }
      this.#startReady();
      if (!this.#backlog) await this.#sleep(this.#o.pollIntervalMs);
    }
  }

  /**
   * Which tenants and destinations may have more due work than the claim gave them: those it gave
   * their whole budget, and those it skipped as having none left. A delivery of theirs that ends
   * wakes the pump to claim again; others' do not, so an idle destination costs no claims. One the
   * claim gave less than its budget has nothing more due that the claim saw (unless the claim was
   * full: then the pump claims again anyway).
   */
  #noteSaturation(heads: readonly DeliveryHead[], budget: ClaimBudget): void {
    const note = (
      saturated: Set<string>,
      claimed: Map<string, number>,
      free: ReadonlyMap<string, number>,
      cap: number,
    ) => {
      const left = (key: string) => free.get(key) ?? cap;
      if (!this.#backlog) {
        for (const key of saturated) {
          if (left(key) > 0 && (claimed.get(key) ?? 0) < left(key)) saturated.delete(key);
        }
      }
      for (const [key, n] of claimed) if (n >= left(key)) saturated.add(key);
    };
    note(
      this.#saturatedTenants,
      countBy(heads, (h) => h.tenantId),
      budget.tenantFree,
      budget.tenantCap,
    );
    note(
      this.#saturatedDestinations,
      countBy(heads, (h) => h.destination),
      budget.destinationFree,
      budget.destinationCap,
    );
  }

  /** Starts every ready head whose tenant and destination have a slot; sends back the stale ones. */
  #startReady(): void {
    if (this.#ready.length === 0) return;
    const now = Date.now();
    const waiting: ReadyHead[] = [];
    for (const ready of this.#ready) {
      const { head } = ready;
      if (now - ready.claimStarted > this.#readyWindowMs) {
        // Its lease no longer holds a whole attempt and its settlement: not sent by this claim.
        this.#unclaim(head);
        this.#release(head);
      } else if (
        this.#inFlight.size < this.#o.concurrency &&
        this.#sendingPerTenant.get(head.tenantId) < this.#o.maxInFlightPerTenant &&
        this.#sendingPerDestination.get(head.destination) < this.#o.maxInFlightPerDestination
      ) {
        this.#send(ready);
      } else waiting.push(ready);
    }
    this.#ready = waiting;
  }

  /** No longer ready or being sent: its tenant and destination may claim one more. */
  #unclaim(head: DeliveryHead): void {
    this.#claimedPerTenant.add(head.tenantId, -1);
    this.#claimedPerDestination.add(head.destination, -1);
    // A tenant or destination that had more due than its budget now has room for it.
    if (this.#saturatedTenants.has(head.tenantId) || this.#saturatedDestinations.has(head.destination))
      this.#rouse();
  }

  /** Puts a claimed head back unsent, pending and due (its key's order is kept: nothing was sent). */
  #release(head: DeliveryHead): void {
    this.#track(this.#settle({ kind: 'held', head }), head, 0);
  }

  /**
   * Counts a delivery in flight until settled. Its settlement makes the next row of its key the head:
   * the pump claims again if the key had one at the claim (or a fan-out came since), and when the
   * replica's slots were what held the claim back. A head put back unsent is due again at once
   * (`claimStarted` 0 rouses the pump).
   */
  #track(run: Promise<void>, head: DeliveryHead, claimStarted: number): void {
    const tracked = run.finally(() => {
      this.#inFlight.delete(tracked);
      this.#startReady();
      if (this.#backlog || head.hasSuccessor || this.#newWorkAt >= claimStarted) this.#rouse();
    });
    this.#inFlight.add(tracked);
  }

  /**
   * Sends one ready head and settles it. Its tenant's and destination's slots are taken while it is
   * being sent and given back when the answer is in, before settling: what the caps bound is requests
   * in flight to a host, and the row stays claimed (its key blocked) until its settlement commits.
   * The replica's own slot (`concurrency`) is held until then, so unsettled work stays bounded.
   */
  #send({ head, claimStarted }: ReadyHead): void {
    this.#sendingPerTenant.add(head.tenantId, 1);
    this.#sendingPerDestination.add(head.destination, 1);
    let sending = true;
    const sent = () => {
      if (!sending) return;
      sending = false;
      this.#sendingPerTenant.add(head.tenantId, -1);
      this.#sendingPerDestination.add(head.destination, -1);
      this.#unclaim(head);
      this.#startReady();
    };
    this.#track(this.#deliver(head, claimStarted, sent).finally(sent), head, claimStarted);
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

  async #deliver(head: DeliveryHead, claimStarted: number, sent: () => void): Promise<void> {
    let settlement: Settlement;
    try {
      settlement = await this.#decide(head, claimStarted);
    } catch (err) {
      // Left claimed: when its lease ends, it is claimed and sent again (at least once).
      this.#o.logger.error({ err, deliveryId: head.deliveryId }, 'delivery failed');
      return;
    }
    sent();
    await this.#settle(settlement);
  }

  async #settle(settlement: Settlement): Promise<void> {
    try {
      await this.#o.settler.submit(settlement);
    } catch (err) {
      // Left claimed: when its lease ends, it is claimed and sent again (at least once).
      this.#o.logger.error({ err, deliveryId: settlement.head.deliveryId }, 'delivery failed');
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
