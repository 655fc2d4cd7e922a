import type { AccountEventsTable } from './tables/account-events.js';
import type { AccountsTable, VirtualAccountAssignmentsTable } from './tables/accounts.js';
import type { ApiKeysTable } from './tables/api-keys.js';
import type { ChangeNotificationsTable } from './tables/change-notifications.js';
import type { CustomersTable } from './tables/customers.js';
import type { EventsTable } from './tables/events.js';
import type { IdempotencyKeysTable } from './tables/idempotency-keys.js';
import type {
  InstrumentRangeCountersTable,
  IssuerCallbackEventsTable,
  VirtualAssignmentTransitionsTable,
} from './tables/instruments.js';
import type { NotificationCountsTable } from './tables/notification-counts.js';
import type { NotificationsTable } from './tables/notifications.js';
import type { RestrictionsTable } from './tables/restrictions.js';
import type {
  BlackListEntriesTable,
  BlackListVersionsTable,
  ComplianceAuditLogTable,
  ScreeningRecordsTable,
} from './tables/screening.js';
import type { TenantsTable } from './tables/tenants.js';
import type {
  WebhookDeliveriesTable,
  WebhookDeliveryAttemptsTable,
  WebhookFailureStreaksTable,
  WebhookFanoutCursorsTable,
  WebhookSubscriptionsTable,
} from './tables/webhooks.js';

/**
 * Every table of the `public` schema. pg-boss keeps its own schema (`pgboss`), migrated by
 * pg-boss itself, and is deliberately absent here.
 */
export interface Database {
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  customers: CustomersTable;
  accounts: AccountsTable;
  virtual_account_assignments: VirtualAccountAssignmentsTable;
  virtual_assignment_transitions: VirtualAssignmentTransitionsTable;
  instrument_range_counters: InstrumentRangeCountersTable;
  issuer_callback_events: IssuerCallbackEventsTable;
  restrictions: RestrictionsTable;
  events: EventsTable;
  /** A view of the Account.UPDATE rows of `events` (migration 0013). */
  account_events: AccountEventsTable;
  change_notifications: ChangeNotificationsTable;
  screening_records: ScreeningRecordsTable;
  black_list_entries: BlackListEntriesTable;
  black_list_versions: BlackListVersionsTable;
  compliance_audit_log: ComplianceAuditLogTable;
  notifications: NotificationsTable;
  notification_counts: NotificationCountsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_fanout_cursors: WebhookFanoutCursorsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
  webhook_failure_streaks: WebhookFailureStreaksTable;
}
