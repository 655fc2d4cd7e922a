/** Restriction vocabulary of the Customer model (seed 004). */
export const RESTRICTION_NAMES = [
  'ALL_TRANSACTIONS',
  'OUTGOING_TRANSACTIONS',
  'INCOMING_TRANSACTIONS',
  'SEND_MONEY',
  'INCOMING_TRANSACTIONS_AND_SEND_MONEY',
  'CARD_DEPOSITS',
  'CARD_AND_ACH_DEPOSITS',
  'DEPOSITS',
  'OUTGOING_TRANSACTIONS_AND_CARD_DEPOSITS',
  'OUTGOING_TRANSACTIONS_AND_ACH_DEPOSITS',
  'DEPOSITS_AND_WITHDRAWALS',
  'CRYPTO_TRANSACTIONS',
  'OTHER',
] as const;
export type RestrictionName = (typeof RESTRICTION_NAMES)[number];

export const RESTRICTION_REASONS = [
  'RISK_CONTROLS',
  'COMPLIANCE',
  'CLOSE_ACCOUNT',
  'DUPLICATE_ACCOUNT',
  'KYC',
  'NO_SERVICE_COUNTRY',
  'PREPAID_CARD_CHARGEBACK',
  'T_C_ABUSE',
  'TERMINATED',
  'UNDER_18',
  'OTHER',
  'CONFIRM_TXN_ACTIVITY',
  'MERCHANT_REQUEST',
] as const;
export type RestrictionReason = (typeof RESTRICTION_REASONS)[number];

export const REQUIRED_ACTIONS = [
  'CONTACT_CUSTOMER_SERVICE',
  'KYC_VERIFICATION',
  'SUBMIT_ID',
  'SUBMIT_SSN_CARD',
  'SECOND_FORM_OF_ID',
  'SUBMIT_AD',
  'PEP_DECLARATION',
  'BANK_ACCOUNT_VERIFICATION',
  'WAIT',
  'NO_REMEDIATION',
  'COMPLETE_ONBOARDING',
  'NATIONALITY',
  'OTHER',
] as const;
export type RequiredAction = (typeof REQUIRED_ACTIONS)[number];

export interface Restriction {
  id: string;
  name: RestrictionName;
  reason: RestrictionReason;
  requiredActions: RequiredAction[];
  /** RFC 3339 UTC. */
  creationTime: string;
}
