import type { Database } from '@wallet/db';
import { type Metrics, recordWebhookDelivery, type WebhookDeliveryOutcome } from '@wallet/metrics';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Logger } from 'pino';
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

interface Pending {
  settlement: Settlement;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit of settlements: each flush writes the delivery rows, the attempts and any
 * cancellations of many deliveries in one transaction.
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
    await sql`
      UPDATE webhook_deliveries d SET
        state = v.state,
        attempt_count = GREATEST(d.attempt_count, COALESCE(v.attempt, 0)),
        next_attempt_at = COALESCE(v.next_at, d.next_attempt_at),
        finished_at = CASE WHEN v.state = 'PENDING' THEN NULL ELSE now() END
      FROM unnest(${changes.map((c) => c.id)}::bigint[], ${changes.map((c) => c.claim)}::int[],
        ${changes.map((c) => c.state)}::text[], ${changes.map((c) => c.attempt)}::int[],
        ${changes.map((c) => c.nextAttemptAt)}::timestamptz[]) AS v(id, claim, state, attempt, next_at)
      WHERE d.id = v.id AND d.claim = v.claim AND (d.state = 'PENDING' OR v.state = 'DELIVERED')`.execute(
      trx,
    );
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
    return this.#cancel(trx, attempted);
  }

  /** A delivery out of attempts (or answered 410) cancels its subscription and stops its pending rows. */
  async #cancel(
    trx: Transaction<Database>,
    attempted: Extract<Settlement, { kind: 'attempted' }>[],
  ): Promise<string[]> {
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
    return cancelled.rows.map((r) => r.id);
  }
}
