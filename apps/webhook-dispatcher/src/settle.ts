import { recordEvents } from '@wallet/core';
import type { Database } from '@wallet/db';
import type { PgBoss } from '@wallet/jobs';
import { type Metrics, recordWebhookDelivery, type WebhookDeliveryOutcome } from '@wallet/metrics';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import { type CancelledSubscription, type FailureStreak, operationalEvents } from './operational-events.js';
import { retryAt, rowChange, type Settlement } from './settlement.js';

const BATCH = 500;
const CONCURRENT_FLUSHES = 2;
const TRIES = 6;
/** Deadlock and serialization failure: another settlement touched the same rows; run it again. */
const RETRYABLE = new Set(['40P01', '40001']);
const OUTCOME = { delivered: 'delivered', retry: 'retrying', exhausted: 'failed' } as const satisfies Record<
  string,
  WebhookDeliveryOutcome
>;

/** What the settlements' operational events need: pg-boss for their fan-out jobs, and when FAILING is due. */
export interface OperationalEventOptions {
  boss: PgBoss;
  /** Failed attempts in a row of a subscription that record WebhookSubscription.FAILING (once per streak). */
  failingThreshold: number;
}

interface Pending {
  settlement: Settlement;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit of settlements: each flush writes the delivery rows, the attempts, the subscriptions'
 * failure streaks, any cancellations, and the operational events these cause (FAILING when a streak
 * reaches the threshold, CANCELLED) of many deliveries in one transaction.
 */
export class Settler {
  readonly #queue: Pending[] = [];
  /** Subscriptions this process cancelled, with when; kept a minute (longer than any lease in flight). */
  readonly recentlyCancelled = new Map<string, number>();
  #flushing = 0;
  #scheduled = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    private readonly onRetryScheduled: (at: Date) => void,
    private readonly operational: OperationalEventOptions,
    private readonly metrics?: Pick<Metrics, 'webhookDeliveries' | 'subscriptionsCancelled'>,
  ) {}

  /** When this process's cancellation of the subscription committed (kept a minute), if it did. */
  cancelledAt(subscriptionId: string): number | undefined {
    return this.recentlyCancelled.get(subscriptionId);
  }

  submit(settlement: Settlement): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ settlement, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#flushing >= CONCURRENT_FLUSHES || this.#queue.length === 0) return;
    this.#scheduled = true;
    // One tick lets the settlements of a batch arrive together.
    setImmediate(() => {
      this.#scheduled = false;
      if (this.#flushing >= CONCURRENT_FLUSHES || this.#queue.length === 0) return;
      this.#flushing++;
      const batch = this.#queue.splice(0, BATCH);
      void this.#flush(batch).finally(() => {
        this.#flushing--;
        this.#schedule();
      });
      this.#schedule();
    });
  }

  async #flush(batch: Pending[]): Promise<void> {
    const settlements = batch.map((p) => p.settlement);
    for (let attempt = 1; ; attempt++) {
      try {
        const cancelled = await this.db.transaction().execute((trx) => this.#write(trx, settlements));
        this.#count(settlements, cancelled.length);
        // Committed: heads of these that this process claimed just before are not sent (DeliveryPump).
        const now = Date.now();
        for (const [id, at] of this.recentlyCancelled)
          if (now - at > 60_000) this.recentlyCancelled.delete(id);
        for (const id of cancelled) this.recentlyCancelled.set(id, now);
        for (const s of settlements) {
          const at = retryAt(s);
          if (at) this.onRetryScheduled(at);
        }
        for (const p of batch) p.resolve();
        return;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= TRIES) {
          // The rows stay claimed until their lease ends; then they are claimed and sent again.
          this.logger.error({ err, jobs: batch.length }, 'could not settle deliveries');
          for (const p of batch) p.reject(err);
          return;
        }
        if (!code || !RETRYABLE.has(code))
          this.logger.warn({ err, attempt }, 'settling deliveries failed; retrying');
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }

  /** Metrics once committed: a retried flush counts nothing twice. */
  #count(settlements: Settlement[], cancelled: number): void {
    if (!this.metrics) return;
    for (const s of settlements) {
      if (s.kind === 'attempted') recordWebhookDelivery(this.metrics, OUTCOME[s.outcome.kind]);
    }
    if (cancelled > 0) this.metrics.subscriptionsCancelled.inc(cancelled);
  }

  /** Returns the subscriptions it cancelled. */
  async #write(trx: Transaction<Database>, settlements: Settlement[]): Promise<string[]> {
    // Only the claim that is still current lands; a success lands even on a row cancelled meanwhile.
    const changes = settlements.map(rowChange).sort((a, b) => Number(a.id) - Number(b.id));
    const landed = await sql<{ id: string }>`
      UPDATE webhook_deliveries d SET
        state = v.state,
        attempt_count = GREATEST(d.attempt_count, COALESCE(v.attempt, 0)),
        next_attempt_at = COALESCE(v.next_at, d.next_attempt_at),
        finished_at = CASE WHEN v.state = 'PENDING' THEN NULL ELSE now() END
      FROM unnest(${changes.map((c) => c.id)}::bigint[], ${changes.map((c) => c.claim)}::int[],
        ${changes.map((c) => c.state)}::text[], ${changes.map((c) => c.attempt)}::int[],
        ${changes.map((c) => c.nextAttemptAt)}::timestamptz[]) AS v(id, claim, state, attempt, next_at)
      WHERE d.id = v.id AND d.claim = v.claim AND (d.state = 'PENDING' OR v.state = 'DELIVERED')
      RETURNING d.id::text`.execute(trx);
    const landedIds = new Set(landed.rows.map((r) => r.id));
    const attempted = settlements.flatMap((s) => (s.kind === 'attempted' ? [s] : []));
    if (attempted.length > 0) {
      const records = attempted.map((s) => ({ id: s.head.deliveryId, ...s.outcome.record }));
      await sql`
        INSERT INTO webhook_delivery_attempts
          (delivery_id, attempt, attempted_at, duration_ms, status_code, error, response_body)
        SELECT v.* FROM unnest(${records.map((r) => r.id)}::bigint[], ${records.map((r) => r.attempt)}::int[],
          ${records.map((r) => r.attemptedAt)}::timestamptz[], ${records.map((r) => r.durationMs)}::int[],
          ${records.map((r) => r.statusCode)}::int[], ${records.map((r) => r.error)}::text[],
          ${records.map((r) => r.responseBody)}::text[]) AS v(id, attempt, at, ms, status, error, body)
        -- A subscription deleted meanwhile took its deliveries with it.
        WHERE EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id = v.id)`.execute(trx);
    }
    // After the cancellations: they lock pending rows another flush may hold, and that flush must not
    // be waiting for a streak row this one holds meanwhile.
    // Only an exhausted delivery whose own row it settled cancels: a late answer for a row cancelled
    // meanwhile (its subscription cancelled by another delivery, then perhaps reactivated) must not
    // cancel the subscription again, nor the deliveries queued since.
    const cancelled = await this.#cancel(
      trx,
      attempted.filter((s) => landedIds.has(String(s.head.deliveryId))),
    );
    const streaks = await this.#countStreaks(trx, attempted);
    const gone = cancelled.map((c) => c.subscriptionId);
    // A reactivated subscription starts a new streak.
    if (gone.length > 0)
      await sql`DELETE FROM webhook_failure_streaks WHERE subscription_id = ANY(${gone}::uuid[])`.execute(
        trx,
      );
    const events = operationalEvents(
      attempted,
      streaks,
      cancelled,
      this.operational.failingThreshold,
      new Date(),
    );
    const ids = await recordEvents({ trx, boss: this.operational.boss }, events);
    if (ids.length > 0) this.logger.info({ eventIds: ids }, 'operational events recorded');
    return gone;
  }

  /**
   * Each subscription's failed attempts in a row: a delivered attempt ends the streak, a failed one
   * (retried or exhausted) adds to it. Settlements count in the order they were submitted. Only
   * subscriptions whose count changes are written (a healthy one's row is never touched), in id order.
   */
  async #countStreaks(
    trx: Transaction<Database>,
    attempted: Extract<Settlement, { kind: 'attempted' }>[],
  ): Promise<FailureStreak[]> {
    const tally = new Map<string, { reset: boolean; failures: number }>();
    for (const s of attempted) {
      const entry = tally.get(s.head.subscriptionId) ?? { reset: false, failures: 0 };
      if (s.outcome.kind === 'delivered') {
        entry.reset = true;
        entry.failures = 0;
      } else entry.failures++;
      tally.set(s.head.subscriptionId, entry);
    }
    const ids = [...tally.keys()].sort();
    const resets = ids.filter((id) => tally.get(id)?.reset);
    if (resets.length > 0) {
      await sql`DELETE FROM webhook_failure_streaks WHERE subscription_id = ANY(${resets}::uuid[])`.execute(
        trx,
      );
    }
    const failing = ids.filter((id) => (tally.get(id)?.failures ?? 0) > 0);
    if (failing.length === 0) return [];
    const added = failing.map((id) => tally.get(id)?.failures ?? 0);
    const { rows } = await sql<{ subscription_id: string; failures: number }>`
      INSERT INTO webhook_failure_streaks (subscription_id, failures)
      SELECT v.id, v.n FROM unnest(${failing}::uuid[], ${added}::int[]) AS v(id, n)
      -- A subscription deleted meanwhile has no streak to keep.
      JOIN webhook_subscriptions s ON s.id = v.id
      ORDER BY v.id
      ON CONFLICT (subscription_id) DO UPDATE
        SET failures = webhook_failure_streaks.failures + EXCLUDED.failures
      RETURNING subscription_id::text, failures`.execute(trx);
    return rows.map((r) => ({
      subscriptionId: r.subscription_id,
      failures: r.failures,
      before: r.failures - (tally.get(r.subscription_id)?.failures ?? 0),
    }));
  }

  /** A delivery out of attempts (or answered 410) cancels its subscription and stops its pending rows. */
  async #cancel(
    trx: Transaction<Database>,
    attempted: Extract<Settlement, { kind: 'attempted' }>[],
  ): Promise<CancelledSubscription[]> {
    const reasons = new Map<string, string>();
    for (const s of attempted) {
      if (s.outcome.kind === 'exhausted' && !reasons.has(s.head.subscriptionId)) {
        reasons.set(s.head.subscriptionId, s.outcome.reason);
      }
    }
    if (reasons.size === 0) return [];
    const ids = [...reasons.keys()].sort();
    // The subscriptions first, in id order: a claim that finds one locked skips its heads (claimDue),
    // so nothing is claimed for a subscription while its cancellation lands.
    await sql`SELECT id FROM webhook_subscriptions WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR NO KEY UPDATE`.execute(
      trx,
    );
    // Pending rows first, locked in id order as #write locks them, so that a concurrent settlement
    // cannot deadlock with this one. The subscription last, stamped with the clock rather than the
    // transaction's start: cancelled_at is when the cancellation lands, and sends that went out while
    // this transaction waited for those rows went to a subscription that was still active.
    await sql`
      UPDATE webhook_deliveries d SET state = 'CANCELLED', finished_at = now()
      FROM (
        SELECT id FROM webhook_deliveries
        WHERE subscription_id = ANY(${ids}::uuid[]) AND state = 'PENDING'
        ORDER BY id FOR UPDATE
      ) pending
      WHERE d.id = pending.id AND d.state = 'PENDING'`.execute(trx);
    const cancelled = await sql<{ id: string }>`
      UPDATE webhook_subscriptions s SET status = 'CANCELLED', cancelled_at = clock_timestamp(),
        cancel_reason = v.reason, updated_at = now()
      FROM unnest(${ids}::uuid[], ${ids.map((id) => reasons.get(id))}::text[]) AS v(id, reason)
      WHERE s.id = v.id AND s.status IN ('ACTIVE', 'PAUSED')
      RETURNING s.id::text`.execute(trx);
    for (const row of cancelled.rows) {
      this.logger.warn({ subscriptionId: row.id, reason: reasons.get(row.id) }, 'subscription cancelled');
    }
    return cancelled.rows.map((r) => ({ subscriptionId: r.id, reason: reasons.get(r.id) ?? '' }));
  }
}
