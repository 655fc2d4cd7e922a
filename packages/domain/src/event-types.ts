/**
 * The event types of the event log, the one place their names are declared. Each is delivered to the
 * webhook subscriptions that name it in `eventTypes`.
 */

/** An account's status changed (seed 001). Ordered per account. */
export const ACCOUNT_UPDATE = 'Account.UPDATE';
/** A subscription was cancelled (attempts exhausted or 410). Ordered per subscription. */
export const WEBHOOK_SUBSCRIPTION_CANCELLED = 'WebhookSubscription.CANCELLED';
/** A subscription's endpoint failed a number of attempts in a row (once per streak). Ordered per subscription. */
export const WEBHOOK_SUBSCRIPTION_FAILING = 'WebhookSubscription.FAILING';

export const EVENT_TYPES = [
  ACCOUNT_UPDATE,
  WEBHOOK_SUBSCRIPTION_CANCELLED,
  WEBHOOK_SUBSCRIPTION_FAILING,
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What an event is about. */
export const EVENT_SUBJECT_TYPES = ['Account', 'WebhookSubscription'] as const;
export type EventSubjectType = (typeof EVENT_SUBJECT_TYPES)[number];

/** The `source` member of every callback body (seed 001). */
export const EVENT_SOURCE = 'PL';
