/** The one event type of seed 001, and the constant `source` of its body. */
export const ACCOUNT_UPDATE = 'Account.UPDATE';
export const WEBHOOK_EVENT_TYPES = [ACCOUNT_UPDATE] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const EVENT_SOURCE = 'PL';

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

/** The payload with seed 001's keys first, in its order; any other key after them, as stored. */
export function orderPayload(stored: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of ACCOUNT_UPDATE_PAYLOAD_KEYS) if (key in stored) ordered[key] = stored[key];
  for (const [key, value] of Object.entries(stored)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}

/** The body of an Account.UPDATE callback as a subscriber receives it. */
export interface AccountUpdateBody {
  source: typeof EVENT_SOURCE;
  eventId: string;
  eventName: typeof ACCOUNT_UPDATE;
  payload: Record<string, unknown>;
  /** Only on a test event (`POST /v2/webhook-subscriptions/{id}/test`). */
  test?: true;
  signature: string;
}
