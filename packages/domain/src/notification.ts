/** Notification vocabulary of seed 002. */
export const NOTIFICATION_MESSAGE_TYPES = [
  'idnow_link',
  'market_payment_failure',
  'market_payment_success',
  'user_email_needs_verify',
  'user_email_verified',
  'user_kyc_process_failure',
  'user_kyc_processed_success',
  'user_kyc_submitted',
  'user_needs_kyc',
  'wallet_aml_screening_not_successful',
  'wallet_verified',
] as const;
export type NotificationMessageType = (typeof NOTIFICATION_MESSAGE_TYPES)[number];

export const NOTIFICATION_STATES = ['SEEN', 'UNSEEN'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

export const NOTIFICATION_TYPES = ['ERROR', 'INFORMATION', 'SUCCESS', 'WARNING'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** createdAt and updatedAt are epoch milliseconds; ids are numbers (seed 002). */
export interface Notification {
  createdAt: number;
  id: number;
  link?: string;
  messageType: NotificationMessageType;
  state: NotificationState;
  type: NotificationType;
  updatedAt: number;
  userId: number;
}
