import type { AccountRow, Database, VirtualAccountAssignmentRow } from '@wallet/db';
import type { VirtualAssignmentStatus, VirtualInstrumentType } from '@wallet/domain';
import {
  assertTransition,
  type InstrumentIdentifiers,
  identifierKey,
  OPEN_STATUSES,
} from '@wallet/instruments';
import { fromKysely, QUEUES, sendJob } from '@wallet/jobs';
import { sql, type Transaction } from 'kysely';
import type { WriteContext } from './context.js';

/** Who moved a request: recorded with each transition. */
export type TransitionSource =
  | 'partner'
  | 'account-creation'
  | 'worker'
  | 'issuer-callback'
  | 'account-close';

/** Refused because the account is CLOSED: closing is final. */
export class AccountClosedError extends Error {
  override readonly name = 'AccountClosedError';
}

/** Refused because a request of the type is open, or an instrument of it is active. */
export class InstrumentConflictError extends Error {
  override readonly name = 'InstrumentConflictError';
}

export interface TransitionChange {
  reason: string;
  source: TransitionSource;
  issuer?: string;
  issuerReference?: string;
  identifiers?: { type: VirtualInstrumentType; values: InstrumentIdentifiers };
}

async function recordTransition(
  trx: Transaction<Database>,
  assignmentId: string,
  from: string | null,
  to: string,
  change: Pick<TransitionChange, 'reason' | 'source'>,
): Promise<void> {
  await trx
    .insertInto('virtual_assignment_transitions')
    .values({
      assignment_id: assignmentId,
      from_status: from,
      to_status: to,
      reason: change.reason,
      source: change.source,
    })
    .execute();
}

/**
 * Moves a request to `to` if the lifecycle allows it (IllegalTransitionError otherwise), setting
 * lastChangeDate and statusReason and recording the transition. The caller holds the request's row
 * lock; the `status = from` condition makes a concurrent move fail instead of being overwritten.
 */
export async function transitionInstrumentRequest(
  trx: Transaction<Database>,
  row: VirtualAccountAssignmentRow,
  to: VirtualAssignmentStatus,
  change: TransitionChange,
): Promise<VirtualAccountAssignmentRow> {
  const from = row.status as VirtualAssignmentStatus;
  assertTransition(from, to);
  const ids = change.identifiers;
  const updated = await trx
    .updateTable('virtual_account_assignments')
    .set({
      status: to,
      status_reason: change.reason,
      last_change_date: sql<Date>`now()`,
      ...(change.issuer !== undefined && { issuer: change.issuer }),
      ...(change.issuerReference !== undefined && { issuer_reference: change.issuerReference }),
      ...(ids && {
        identifiers: JSON.stringify(ids.values),
        identifier_key: identifierKey(ids.type, ids.values),
        activated_at: sql<Date>`now()`,
      }),
    })
    .where('id', '=', row.id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new Error(`request ${row.id} changed status concurrently`);
  await recordTransition(trx, row.id, from, to, change);
  return updated;
}

/**
 * Asks for a virtual instrument for an account: a PENDING request and its `instrument-request` job,
 * in the caller's transaction (the caller holds the customer's row lock). `instrumentType`
 * undefined means the account's currency has no instrument: the request is REJECTED at once,
 * without a type and without a job.
 */
export async function requestInstrument(
  ctx: WriteContext,
  account: AccountRow,
  instrumentType: VirtualInstrumentType | undefined,
  source: TransitionSource,
): Promise<VirtualAccountAssignmentRow> {
  const { trx } = ctx;
  if (account.status === 'CLOSED') throw new AccountClosedError(`Account ${account.id} is closed`);
  if (!instrumentType) {
    const reason = `No virtual bank account is offered for ${account.currency_code}`;
    const row = await trx
      .insertInto('virtual_account_assignments')
      .values({
        account_id: account.id,
        instrument_type: null,
        status: 'REJECTED',
        status_reason: reason,
        last_change_date: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordTransition(trx, row.id, null, 'REJECTED', { reason, source });
    return row;
  }
  const open = await trx
    .selectFrom('virtual_account_assignments')
    .select(['id', 'status'])
    .where('account_id', '=', account.id)
    .where('instrument_type', '=', instrumentType)
    .where((eb) =>
      eb.or([
        eb('status', 'in', OPEN_STATUSES),
        eb.and([eb('status', '=', 'COMPLETED'), eb('deactivated_at', 'is', null)]),
      ]),
    )
    .executeTakeFirst();
  if (open) {
    throw new InstrumentConflictError(
      open.status === 'COMPLETED'
        ? `Account ${account.id} already has an active ${instrumentType}`
        : `Account ${account.id} already has an open ${instrumentType} request (${open.status})`,
    );
  }
  // A new request has no lastChangeDate or statusReason yet: the first transition sets them.
  const reason = 'Requested; waiting for the issuer';
  const row = await trx
    .insertInto('virtual_account_assignments')
    .values({ account_id: account.id, instrument_type: instrumentType, status: 'PENDING' })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordTransition(trx, row.id, null, 'PENDING', { reason, source });
  await sendJob(
    ctx.boss,
    QUEUES.instrumentRequest,
    { assignmentId: row.id, requestId: ctx.requestId },
    { db: fromKysely(trx), singletonKey: `instrument-request-${row.id}` },
  );
  return row;
}
