import type { Account } from './account.js';
import type { Restriction } from './restriction.js';

export const CUSTOMER_TYPES = ['PERSON', 'LEGAL_ENTITY'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** The Customer of seed 004. `id` is a numeric string (<= 20 chars), also seed 002's numeric userId. */
export interface Customer {
  id: string;
  externalId: string;
  type: CustomerType;
  email: string;
  mobile?: string;
  registrationIp: string;
  registrationDate?: string;
  restrictions: Restriction[];
  accounts: Account[];
}
