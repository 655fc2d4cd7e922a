import type { Database } from '@wallet/db';
import type { StoredSigningSecrets } from '@wallet/webhooks';
import { type Kysely, sql } from 'kysely';

/** A claimed delivery: the oldest pending one of its subscription and ordering key, with what sending needs. */
export interface DeliveryHead {
  deliveryId: string;
  /** The claim this process holds; its settlement only lands while no later claim was made. */
  claim: number;
  subscriptionId: string;
  /** The subscription's tenant and destination (host:port): what in-flight deliveries are capped by. */
  tenantId: string;
  destination: string;
  /** Account.UPDATE's account; null for other event types. */
  accountId: string | null;
  orderingKey: string;
  eventId: string;
  eventType: string;
  attemptCount: number;
  url: string;
  /** Encrypted; opened only to sign (attempt.ts). The previous one only while its grace runs. */
  secrets: StoredSigningSecrets;
  maxAttempts: number;
  subscriptionActive: boolean;
  /** Paused as the claim locked it: not sent, the row left pending and due (sent once resumed). */
  subscriptionPaused: boolean;
  payload: Record<string, unknown>;
  /** Its key had a later pending row at the claim: once this one settles, that one is due. */
  hasSuccessor: boolean;
}

interface ClaimedRow {
  id: string;
  claim: number;
  subscription_id: string;
  tenant_id: string;
  destination: string | null;
  account_id: string | null;
  ordering_key: string;
  event_id: string;
  event_type: string;
  attempt_count: number;
  url: string;
  secret: string | null;
  secret_ciphertext: string | null;
  secret_key_id: string | null;
  previous_secret_ciphertext: string | null;
  previous_secret_key_id: string | null;
  max_attempts: number;
  status: string;
  payload: Record<string, unknown>;
  has_successor: boolean;
}

function sealed(ciphertext: string | null, keyId: string | null) {
  return ciphertext !== null && keyId !== null ? { ciphertext, keyId } : null;
}

/** How many more deliveries each tenant and destination may be given now (see DeliveryPump's caps). */
export interface ClaimBudget {
  /** Per tenant and destination with deliveries claimed (being sent, or ready to be): how many more it may have. Absent: the cap. */
  tenantFree: ReadonlyMap<string, number>;
  destinationFree: ReadonlyMap<string, number>;
  tenantCap: number;
  destinationCap: number;
}

/** Candidates looked at per claim, as a multiple of the claim's size. */
const SCAN_FACTOR = 4;

/**
 * Claims up to `limit` due deliveries, each the head of its key (subscription, ordering key): the oldest
 * pending row of its key. A head waiting for its retry (or claimed, its lease running) is not due, so
 * everything behind it waits: that is the per-key order (per account for Account.UPDATE). Claiming moves the row's next_attempt_at
 * to the lease's end, so a dispatcher that dies leaves the row to be claimed again. SKIP LOCKED lets
 * replicas claim side by side.
 *
 * Fair across tenants and destinations: the scan skips heads of a tenant or destination with no
 * budget left (it has its cap of deliveries in flight), so one tenant's hundreds of subscriptions to a
 * dead endpoint cannot fill the claim; of the candidates (the first `limit` x 4 due heads, in no
 * particular order: no sort of the whole backlog, which cost ~15 ms at 20,000 rows), each tenant and
 * destination gets at most its budget, taken round-robin (every tenant's first head, then every
 * second...), oldest first within each.
 */
export async function claimDue(
  db: Kysely<Database>,
  limit: number,
  leaseSeconds: number,
  budget: ClaimBudget,
): Promise<DeliveryHead[]> {
  const full = (free: ReadonlyMap<string, number>) => [...free].filter(([, n]) => n <= 0).map(([k]) => k);
  const partial = (free: ReadonlyMap<string, number>) => [...free].filter(([, n]) => n > 0);
  const tenants = partial(budget.tenantFree);
  const destinations = partial(budget.destinationFree);
  const result = await sql<ClaimedRow>`
    WITH candidates AS (
      SELECT d.id, d.next_attempt_at, s.tenant_id, coalesce(s.destination, '') AS destination
      FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.state = 'PENDING' AND d.next_attempt_at <= now()
        AND d.id = (
          SELECT min(p.id) FROM webhook_deliveries p
          WHERE p.subscription_id = d.subscription_id AND p.ordering_key = d.ordering_key AND p.state = 'PENDING')
        AND s.tenant_id <> ALL(${full(budget.tenantFree)}::uuid[])
        AND coalesce(s.destination, '') <> ALL(${full(budget.destinationFree)}::text[])
        AND s.status <> 'PAUSED'
      LIMIT ${limit * SCAN_FACTOR}
    ),
    ranked AS (
      SELECT c.id, c.next_attempt_at, c.tenant_id, c.destination,
        row_number() OVER (PARTITION BY c.tenant_id ORDER BY c.next_attempt_at, c.id) AS tenant_rank,
        row_number() OVER (PARTITION BY c.destination ORDER BY c.next_attempt_at, c.id) AS destination_rank
      FROM candidates c
    ),
    picked AS (
      SELECT r.id FROM ranked r
      LEFT JOIN unnest(${tenants.map(([k]) => k)}::uuid[], ${tenants.map(([, n]) => n)}::int[])
        AS tf (tenant_id, free) ON tf.tenant_id = r.tenant_id
      LEFT JOIN unnest(${destinations.map(([k]) => k)}::text[], ${destinations.map(([, n]) => n)}::int[])
        AS df (destination, free) ON df.destination = r.destination
      WHERE r.tenant_rank <= coalesce(tf.free, ${budget.tenantCap})
        AND r.destination_rank <= coalesce(df.free, ${budget.destinationCap})
      ORDER BY greatest(r.tenant_rank, r.destination_rank), r.next_attempt_at, r.id
      LIMIT ${limit}
    ),
    due AS (
      -- Locked here, the row's state checked again: another replica may have claimed it meanwhile.
      -- The subscription too, as it is now: a cancellation locks it first (Settler), so a head whose
      -- subscription is being cancelled is skipped rather than sent while the cancellation lands.
      SELECT d.id, s.status AS subscription_status
      FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.id IN (SELECT id FROM picked) AND d.state = 'PENDING' AND d.next_attempt_at <= now()
      FOR UPDATE OF d SKIP LOCKED
      FOR SHARE OF s SKIP LOCKED
    )
    UPDATE webhook_deliveries d
    SET next_attempt_at = now() + make_interval(secs => ${leaseSeconds}), claim = d.claim + 1
    FROM due, webhook_subscriptions s, events e
    WHERE d.id = due.id AND s.id = d.subscription_id AND e.event_id = d.event_id
    RETURNING d.id::text, d.claim, d.subscription_id::text, s.tenant_id::text, s.destination,
      d.account_id::text, d.ordering_key, d.event_id, e.event_type, d.attempt_count, s.url, s.max_attempts,
      s.secret, s.secret_ciphertext, s.secret_key_id,
      CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret_ciphertext END
        AS previous_secret_ciphertext,
      CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret_key_id END
        AS previous_secret_key_id,
      due.subscription_status AS status, e.payload,
      EXISTS (SELECT 1 FROM webhook_deliveries n
        WHERE n.subscription_id = d.subscription_id AND n.ordering_key = d.ordering_key
          AND n.state = 'PENDING' AND n.id > d.id) AS has_successor`.execute(db);
  return result.rows.map((row) => ({
    deliveryId: row.id,
    claim: row.claim,
    subscriptionId: row.subscription_id,
    tenantId: row.tenant_id,
    destination: row.destination ?? '',
    accountId: row.account_id,
    orderingKey: row.ordering_key,
    eventId: row.event_id,
    eventType: row.event_type,
    attemptCount: row.attempt_count,
    url: row.url,
    secrets: {
      subscriptionId: row.subscription_id,
      plaintext: row.secret,
      current: sealed(row.secret_ciphertext, row.secret_key_id),
      previous: sealed(row.previous_secret_ciphertext, row.previous_secret_key_id),
    },
    maxAttempts: row.max_attempts,
    subscriptionActive: row.status === 'ACTIVE',
    subscriptionPaused: row.status === 'PAUSED',
    payload: row.payload,
    hasSuccessor: row.has_successor,
  }));
}
