import type { AccountRow, CustomerRow } from '@wallet/db';
import currencyCodes from 'currency-codes';

/** The `payload` of seed 001's Account.UPDATE, as it stands at the moment of the change. */
export interface AccountUpdatePayload {
  id: string;
  name: string;
  number: string;
  createdDate: string;
  updatedDate: string;
  balance: number;
  customerID: string;
  customerName: string;
  accountType: 'WALLET';
  currency: string;
  currencyCode: string;
  status: string;
  program: string;
  accountLevel: string;
}

interface ProfileNames {
  consumer?: { firstName?: string; middleName?: string; lastName?: string };
  businessConsumer?: { companyName?: string };
}

/** The profile's person or company name; the partner's externalId until a profile is stored. */
export function customerDisplayName(customer: Pick<CustomerRow, 'profile' | 'external_id'>): string {
  const profile = (customer.profile ?? {}) as ProfileNames;
  const company = profile.businessConsumer?.companyName;
  if (company) return company;
  const c = profile.consumer;
  const person = [c?.firstName, c?.middleName, c?.lastName].filter(Boolean).join(' ');
  return person || customer.external_id;
}

/** ISO 4217 numeric code, zero-padded to three digits (USD is "840"). */
export function currencyNumericCode(alpha: string): string {
  return currencyCodes.code(alpha)?.number.padStart(3, '0') ?? '';
}

export function accountUpdatePayload(
  account: AccountRow,
  customer: Pick<CustomerRow, 'id' | 'profile' | 'external_id'>,
): AccountUpdatePayload {
  return {
    id: account.id,
    name: account.name,
    number: account.number,
    createdDate: account.created_at.toISOString(),
    updatedDate: account.updated_at.toISOString(),
    // Minor units; Number is exact up to 2^53, far above any wallet balance.
    balance: Number(account.total_balance),
    customerID: customer.id,
    customerName: customerDisplayName(customer),
    accountType: 'WALLET',
    currency: account.currency_code,
    currencyCode: currencyNumericCode(account.currency_code),
    status: account.status,
    program: account.program,
    accountLevel: account.account_level,
  };
}
