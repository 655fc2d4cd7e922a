import type { Migration } from 'kysely/migration';
import * as foundation from './0001_foundation.js';
import * as changeNotifications from './0002_change_notifications.js';
import * as webhooks from './0003_webhooks.js';
import * as notifications from './0004_notifications.js';
import * as screening from './0005_screening.js';
import * as notificationCounts from './0006_notification_counts.js';
import * as instruments from './0007_instruments.js';
import * as intake from './0008_intake.js';
import * as screeningReview from './0009_screening_review.js';
import * as screeningBlackList from './0010_screening_black_list.js';
import * as credentials from './0011_credentials.js';
import * as webhookPause from './0012_webhooks.js';
import * as eventLog from './0013_event_log.js';
import * as webhookRetention from './0014_webhook_retention.js';
import * as webhookSecrets from './0015_webhook_secrets.js';
import * as listPages from './0016_list_pages.js';

/**
 * Forward-only: a migration, once released, is never edited; a change is a new file.
 * Listed statically so that the built package needs no file-system scan.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_change_notifications': changeNotifications,
  '0003_webhooks': webhooks,
  '0004_notifications': notifications,
  '0005_screening': screening,
  '0006_notification_counts': notificationCounts,
  '0007_instruments': instruments,
  '0008_intake': intake,
  '0009_screening_review': screeningReview,
  '0010_screening_black_list': screeningBlackList,
  '0011_credentials': credentials,
  '0012_webhooks': webhookPause,
  '0013_event_log': eventLog,
  '0014_webhook_retention': webhookRetention,
  '0015_webhook_secrets': webhookSecrets,
  '0016_list_pages': listPages,
};
