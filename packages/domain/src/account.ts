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

/** DORMANT and CLOSED are reserved: no rule of this product sets them yet. */
export const ACCOUNT_STATUSES = ['ACTIVE', 'RESTRICTED', 'BLOCKED', 'DORMANT', 'CLOSED'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface VirtualInstrument {
  instrumentType: VirtualInstrumentType;
  status: VirtualInstrumentStatus;
}

export interface VirtualAccountAssignmentStatus {
  instrumentType: VirtualInstrumentType;
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
  virtualAccountAssignment: boolean;
}
