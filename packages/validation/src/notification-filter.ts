import {
  NOTIFICATION_MESSAGE_TYPES,
  NOTIFICATION_STATES,
  NOTIFICATION_TYPES,
  type NotificationMessageType,
  type NotificationState,
  type NotificationType,
} from '@wallet/domain';

/** The fields `filter` may test, with the values each may take (seed 002's enums, exactly). */
const FILTER_FIELDS = {
  state: NOTIFICATION_STATES,
  type: NOTIFICATION_TYPES,
  messageType: NOTIFICATION_MESSAGE_TYPES,
} as const;
type FilterField = keyof typeof FILTER_FIELDS;

/** Each present field holds one or more accepted values; fields combine with AND. */
export interface NotificationFilter {
  state?: NotificationState[];
  type?: NotificationType[];
  messageType?: NotificationMessageType[];
}

/**
 * Parses `filter`: `field:value[|value...][,field:value...]`, e.g. `state:UNSEEN,type:ERROR|WARNING`.
 * A comma joins clauses with AND, a bar joins a field's values with OR; each field at most once.
 * Names and values are case-sensitive, without spaces. Returns the problem's text when not valid.
 */
export function parseNotificationFilter(text: string): NotificationFilter | string {
  if (text === '') return 'must not be empty; omit filter to list every notification';
  const filter: Record<string, string[]> = {};
  for (const clause of text.split(',')) {
    const colon = clause.indexOf(':');
    if (colon < 0) return `clause '${clause}' must be field:value`;
    const field = clause.slice(0, colon);
    if (!Object.hasOwn(FILTER_FIELDS, field)) {
      return `unknown field '${field}'; fields are ${Object.keys(FILTER_FIELDS).join(', ')}`;
    }
    if (Object.hasOwn(filter, field)) return `field '${field}' is given twice; use | for alternatives`;
    const allowed: readonly string[] = FILTER_FIELDS[field as FilterField];
    const values = clause.slice(colon + 1).split('|');
    const bad = values.find((value) => !allowed.includes(value));
    if (bad !== undefined) return `unknown ${field} '${bad}'; values are ${allowed.join(', ')}`;
    filter[field] = [...new Set(values)];
  }
  return filter as NotificationFilter;
}
