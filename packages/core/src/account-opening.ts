import type { AccountRow, VirtualAccountAssignmentRow } from '@wallet/db';
import { accountStatusFor, type RestrictionName } from '@wallet/domain';
import { instrumentForCurrency } from '@wallet/instruments';
import type { WriteContext } from './context.js';
import { lockCustomer } from './customers.js';
import { requestInstrument } from './instrument-requests.js';

export interface AccountOpening {
  tenantId: string;
  customerId: string;
  externalId?: string | null | undefined;
  currencyCode: string;
  /** Request the virtual instrument that fits the currency, at once. */
  virtualAccountAssignment: boolean;
}

/**
 * Opens an account for a customer, in the caller's transaction, under the customer's lock. It starts
 * in the status the customer's active restrictions imply; with virtualAccountAssignment, the
 * instrument that fits its currency is requested too (REJECTED with no type for a currency without
 * one). Undefined when the tenant has no such customer. A second account with the same externalId
 * is the database's unique violation, for the caller to answer.
 */
export async function openAccount(
  ctx: WriteContext,
  input: AccountOpening,
): Promise<{ account: AccountRow; assignments: VirtualAccountAssignmentRow[] } | undefined> {
  const { trx } = ctx;
  const customer = await lockCustomer(ctx, input.tenantId, input.customerId);
  if (!customer) return undefined;
  const active = await trx
    .selectFrom('restrictions')
    .select('name')
    .where('customer_id', '=', input.customerId)
    .where('lifted_at', 'is', null)
    .execute();
  const account = await trx
    .insertInto('accounts')
    .values({
      tenant_id: input.tenantId,
      customer_id: input.customerId,
      external_id: input.externalId ?? null,
      currency_code: input.currencyCode,
      status: accountStatusFor(active.map((r) => r.name as RestrictionName)),
      virtual_account_assignment: input.virtualAccountAssignment,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (!input.virtualAccountAssignment) return { account, assignments: [] };
  const assignment = await requestInstrument(
    ctx,
    account,
    instrumentForCurrency(account.currency_code),
    'account-creation',
  );
  return { account, assignments: [assignment] };
}
