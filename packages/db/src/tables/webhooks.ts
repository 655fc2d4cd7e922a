import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { GeneratedInt8, Int8 } from './customers.js';

export type WebhookSubscriptionStatus = 'ACTIVE' | 'PAUSED' | 'CANCELLED';

export interface WebhookSubscriptionsTable {
  id: Generated<string>;
  tenant_id: string;
  url: string;
  event_types: string[];
  /** `whsec_<base64>`; shown to the partner once, at creation. */
  secret: string;
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
