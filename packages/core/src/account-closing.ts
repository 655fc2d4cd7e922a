import type { AccountRow, CustomerRow } from '@wallet/db';
import { OPEN_STATUSES } from '@wallet/instruments';
import { sql } from 'kysely';
import { type RecordedEvent, recordAccountUpdate } from './account-events.js';
import type { WriteContext } from './context.js';
import { AccountClosedError, transitionInstrumentRequest } from './instrument-requests.js';

/** Refused: money is still on the account. */
export class NonZeroBalanceError extends Error {
  override readonly name = 'NonZeroBalanceError';
}

export interface ClosedAccount {
  account: AccountRow;
  event: RecordedEvent;
  deactivated: number;
  rejected: number;
}

/**
 * Closes an account for good, in the caller's transaction (which holds the customer's and the
 * account's row locks): status CLOSED with its reason, its active instruments deactivated, its open
 * instrument requests REJECTED, and its Account.UPDATE recorded and enqueued. Refused when the
 * account is already closed or either balance is not zero.
 */
export async function closeAccount(
  ctx: WriteContext,
  customer: CustomerRow,
  account: AccountRow,
  reason: string,
): Promise<ClosedAccount> {
  const { trx } = ctx;
  if (account.status === 'CLOSED') throw new AccountClosedError(`Account ${account.id} is already closed`);
  if (BigInt(account.total_balance) !== 0n || BigInt(account.available_balance) !== 0n) {
    throw new NonZeroBalanceError(
      `Account ${account.id} cannot be closed with a non-zero balance (total ${account.total_balance}, available ${account.available_balance} minor units)`,
    );
  }
  const closed = await trx
    .updateTable('accounts')
    .set({
      status: 'CLOSED',
      closed_at: sql<Date>`now()`,
      close_reason: reason,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', account.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const deactivated = await trx
    .updateTable('virtual_account_assignments')
    .set({ deactivated_at: sql<Date>`now()` })
    .where('account_id', '=', account.id)
    .where('status', '=', 'COMPLETED')
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();
  const open = await trx
    .selectFrom('virtual_account_assignments')
    .selectAll()
    .where('account_id', '=', account.id)
    .where('status', 'in', OPEN_STATUSES)
    .orderBy('id')
    .forUpdate()
    .execute();
  for (const row of open) {
    await transitionInstrumentRequest(trx, row, 'REJECTED', {
      reason: 'The account was closed',
      source: 'account-close',
    });
  }
  const event = await recordAccountUpdate(ctx, closed, customer, 'ACCOUNT_CLOSED');
  return { account: closed, event, deactivated: Number(deactivated.numUpdatedRows), rejected: open.length };
}
