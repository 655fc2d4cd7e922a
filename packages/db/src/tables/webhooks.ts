import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { GeneratedInt8, Int8 } from './customers.js';

export type WebhookSubscriptionStatus = 'ACTIVE' | 'PAUSED' | 'CANCELLED';

export interface WebhookSubscriptionsTable {
  id: Generated<string>;
  tenant_id: string;
  url: string;
  event_types: string[];
  /**
   * `whsec_<base64>` in plain text: only rows from before encryption at rest (migration 0015) that the
   * API's start-up sweep has not encrypted yet; never written any more.
   */
  secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** The secret (shown to the partner once, at creation or rotation), AES-256-GCM (see SecretBox). */
  secret_ciphertext: string | null;
  /** The id of the key of secret_ciphertext (WEBHOOK_SECRET_KEYS). */
  secret_key_id: string | null;
  /** The secret before the last rotation, signing alongside until previous_secret_expires_at. */
  previous_secret_ciphertext: string | null;
  previous_secret_key_id: string | null;
  previous_secret_expires_at: Date | null;
  secret_rotated_at: Date | null;
  /** The Idempotency-Key of the last rotation: a retry with it answers that rotation's secret again. */
  rotation_idempotency_key: string | null;
  max_attempts: number;
  status: ColumnType<WebhookSubscriptionStatus, WebhookSubscriptionStatus | undefined>;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  /** Generated from url: its host and port, lower case (the dispatcher's per-destination cap). */
  destination: ColumnType<string | null, never, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type NewWebhookSubscription = Insertable<WebhookSubscriptionsTable>;

/** Per ordering key, the last events.id fanned out (its row lock serialises the key's fan-out). */
export interface WebhookFanoutCursorsTable {
  ordering_key: string;
  last_event_id: Int8;
}

/** A subscription's failed attempts since its last delivered one (no row: none). */
export interface WebhookFailureStreaksTable {
  subscription_id: string;
  failures: number;
}

export type WebhookDeliveryState = 'PENDING' | 'DELIVERED' | 'FAILED' | 'CANCELLED';

export interface WebhookDeliveriesTable {
  id: GeneratedInt8;
  subscription_id: string;
  event_id: string;
  /** Account.UPDATE's account; null for other event types. */
  account_id: ColumnType<
    string | null,
    string | number | bigint | null | undefined,
    string | number | bigint | null
  >;
  /** Its event's ordering key; taken from the event when an insert leaves it out (migration 0013). */
  ordering_key: ColumnType<string, string | undefined, string>;
  replay: Generated<boolean>;
  state: ColumnType<WebhookDeliveryState, WebhookDeliveryState | undefined>;
  attempt_count: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  claim: Generated<number>;
  created_at: ColumnType<Date, never, never>;
  finished_at: Date | null;
}
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;

export interface WebhookDeliveryAttemptsTable {
  id: GeneratedInt8;
  delivery_id: Int8;
  attempt: number;
  attempted_at: Date;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response_body: string | null;
}
export type WebhookDeliveryAttemptRow = Selectable<WebhookDeliveryAttemptsTable>;
