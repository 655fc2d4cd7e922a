import type { NotificationMessageType, NotificationType } from '@wallet/domain';

/** What writes a seed 002 message type into a feed. */
export type NotificationSource =
  | { by: 'platform'; type: NotificationType; event: string }
  | { by: 'partner'; why: string };

const PARTNER_KYC = 'identity verification (KYC, IDnow) runs at the partner; no event of this product';
const PARTNER_EMAIL = 'e-mail verification runs at the partner; no event of this product';
const PARTNER_MARKET = 'payments are not part of this product; no event of this product';

/**
 * Every seed message type and its writer. A new type in `NOTIFICATION_MESSAGE_TYPES` fails to
 * compile until it is listed here. Platform entries are written by `addNotification` in the
 * transaction of their event; partner entries only through `POST .../notifications`.
 * Other platform events (restrictions placed or lifted, account status changes, change
 * notifications of seed 000) reach partners as webhooks and map to no seed message type.
 */
export const NOTIFICATION_SOURCES: Readonly<Record<NotificationMessageType, NotificationSource>> = {
  wallet_aml_screening_not_successful: {
    by: 'platform',
    type: 'ERROR',
    event: 'a screening hit (RED) of the Update Account profile: recordScreening',
  },
  wallet_verified: {
    by: 'platform',
    type: 'SUCCESS',
    event: 'a clean screening (GREEN) after an earlier RED or YELLOW one: recordScreening',
  },
  idnow_link: { by: 'partner', why: PARTNER_KYC },
  user_needs_kyc: { by: 'partner', why: PARTNER_KYC },
  user_kyc_submitted: { by: 'partner', why: PARTNER_KYC },
  user_kyc_processed_success: { by: 'partner', why: PARTNER_KYC },
  user_kyc_process_failure: { by: 'partner', why: PARTNER_KYC },
  user_email_needs_verify: { by: 'partner', why: PARTNER_EMAIL },
  user_email_verified: { by: 'partner', why: PARTNER_EMAIL },
  market_payment_success: { by: 'partner', why: PARTNER_MARKET },
  market_payment_failure: { by: 'partner', why: PARTNER_MARKET },
};
