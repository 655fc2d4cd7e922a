/** Account vocabulary of the Customer model (seed 004) and the Account.UPDATE callback (seed 001). */
export const VIRTUAL_INSTRUMENT_TYPES = ['SEPA_BANK_ACCOUNT', 'UK_BANK_ACCOUNT', 'US_BANK_ACCOUNT'] as const;
export type VirtualInstrumentType = (typeof VIRTUAL_INSTRUMENT_TYPES)[number];

export const VIRTUAL_INSTRUMENT_STATUSES = ['ACTIVE'] as const;
export type VirtualInstrumentStatus = (typeof VIRTUAL_INSTRUMENT_STATUSES)[number];

export const VIRTUAL_ASSIGNMENT_STATUSES = [
  'ACCEPTED',
  'PENDING',
  'COMPLETED',
  'REJECTED',
  'FAILED',
] as const;
export type VirtualAssignmentStatus = (typeof VIRTUAL_ASSIGNMENT_STATUSES)[number];

/** DORMANT is reserved; CLOSED is set by closing the account, and is final. */
export const ACCOUNT_STATUSES = ['ACTIVE', 'RESTRICTED', 'BLOCKED', 'DORMANT', 'CLOSED'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/**
 * An issued instrument. Seed 004 names only instrumentType and status; the identifiers the issuer
 * gave are added (IBAN and BIC, sort code and account number, or routing and account number).
 */
export interface VirtualInstrument {
  instrumentType: VirtualInstrumentType;
  status: VirtualInstrumentStatus;
  iban?: string;
  bic?: string;
  sortCode?: string;
  routingNumber?: string;
  accountNumber?: string;
}

export interface VirtualAccountAssignmentStatus {
  /** Absent only when the account's currency has no instrument (REJECTED without inventing a type). */
  instrumentType?: VirtualInstrumentType;
  requestDate: string;
  lastChangeDate?: string;
  status: VirtualAssignmentStatus;
  statusReason?: string;
}

/** Balances are integer minor units; JSON carries them as exact integers. */
export interface Account {
  id: string;
  customerId: string;
  externalId?: string;
  currencyCode: string;
  number: string;
  status: AccountStatus;
  totalBalance: number;
  availableBalance: number;
  virtualInstrument: VirtualInstrument[];
  virtualAccountAssignmentStatus: VirtualAccountAssignmentStatus[];
  creationTime: string;
  /** Deprecated in seed 004, still served: true once an instrument is ACTIVE. */
  hasVirtualInstrument: boolean;
  virtualAccountAssignment: boolean;
}
