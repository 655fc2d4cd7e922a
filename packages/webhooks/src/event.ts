import {
  ACCOUNT_UPDATE,
  EVENT_SOURCE,
  EVENT_TYPES,
  type EventType,
  WEBHOOK_SUBSCRIPTION_CANCELLED,
  WEBHOOK_SUBSCRIPTION_FAILING,
} from '@wallet/domain';

// The names are declared in @wallet/domain; re-exported for subscribers that import only this package.
export { ACCOUNT_UPDATE, EVENT_SOURCE, WEBHOOK_SUBSCRIPTION_CANCELLED, WEBHOOK_SUBSCRIPTION_FAILING };
export const WEBHOOK_EVENT_TYPES = EVENT_TYPES;
export type WebhookEventType = EventType;

/**
 * The payload fields in seed 001's order. Payloads are stored as jsonb, which does not keep key
 * order, so the body is rebuilt in this order before it is signed and sent.
 */
export const ACCOUNT_UPDATE_PAYLOAD_KEYS = [
  'id',
  'name',
  'number',
  'createdDate',
  'updatedDate',
  'balance',
  'customerID',
  'customerName',
  'accountType',
  'currency',
  'currencyCode',
  'status',
  'program',
  'accountLevel',
] as const;

/** The payload of WebhookSubscription.CANCELLED and .FAILING, in the order it is sent. */
export const SUBSCRIPTION_EVENT_PAYLOAD_KEYS = [
  'subscriptionId',
  'url',
  'reason',
  'consecutiveFailures',
  'eventId',
  'attempt',
  'statusCode',
  'error',
  'occurredAt',
] as const;

const PAYLOAD_KEYS: Record<EventType, readonly string[]> = {
  [ACCOUNT_UPDATE]: ACCOUNT_UPDATE_PAYLOAD_KEYS,
  [WEBHOOK_SUBSCRIPTION_CANCELLED]: SUBSCRIPTION_EVENT_PAYLOAD_KEYS,
  [WEBHOOK_SUBSCRIPTION_FAILING]: SUBSCRIPTION_EVENT_PAYLOAD_KEYS,
};

/** The payload with its type's keys first, in their order; any other key after them, as stored. */
export function orderPayload(
  stored: Record<string, unknown>,
  eventName: string = ACCOUNT_UPDATE,
): Record<string, unknown> {
  const keys = PAYLOAD_KEYS[eventName as EventType] ?? [];
  const ordered: Record<string, unknown> = {};
  for (const key of keys) if (key in stored) ordered[key] = stored[key];
  for (const [key, value] of Object.entries(stored)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}

/** The body of a callback as a subscriber receives it: the same members for every event type. */
export interface WebhookBody<Name extends string = WebhookEventType> {
  source: typeof EVENT_SOURCE;
  eventId: string;
  eventName: Name;
  payload: Record<string, unknown>;
  /** Only on a test event (`POST /v2/webhook-subscriptions/{id}/test`). */
  test?: true;
  signature: string;
}

/** The body of an Account.UPDATE callback as a subscriber receives it. */
export type AccountUpdateBody = WebhookBody<typeof ACCOUNT_UPDATE>;
