import { lockCustomer } from '@wallet/core';
import type { AccountRow, CustomerRow, Database } from '@wallet/db';
import { ApiError } from '@wallet/errors';
import type { Transaction } from 'kysely';

/** Account ids are numeric strings, like customer ids. */
const ACCOUNT_ID = /^[1-9]\d{0,15}$/;

/**
 * Locks the tenant's customer and one of its accounts for the rest of the transaction (customer
 * first, the order every writer of a customer takes). 404 when either is not the tenant's.
 */
export async function lockCustomerAccount(
  trx: Transaction<Database>,
  tenantId: string,
  customerId: string,
  accountId: string | undefined,
): Promise<{ customer: CustomerRow; account: AccountRow }> {
  const customer = await lockCustomer({ trx }, tenantId, customerId);
  if (!customer) throw new ApiError('not_found', 'Customer not found');
  if (!accountId || !ACCOUNT_ID.test(accountId)) throw new ApiError('not_found', 'Account not found');
  const account = await trx
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', accountId)
    .where('customer_id', '=', customerId)
    .forUpdate()
    .executeTakeFirst();
  if (!account) throw new ApiError('not_found', 'Account not found');
  return { customer, account };
}

/** The account's requests, oldest first, for its presentation. */
export function assignmentsOf(trx: Transaction<Database>, accountId: string) {
  return trx
    .selectFrom('virtual_account_assignments')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
}
