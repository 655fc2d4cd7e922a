import type { VirtualAssignmentStatus, VirtualInstrumentType } from '@wallet/domain';
import { canonicalIdentifiers, type IssuerCallbackBody, identifierProblem } from '@wallet/instruments';
import type { WriteContext } from './context.js';
import { lockCustomer } from './customers.js';
import { transitionInstrumentRequest } from './instrument-requests.js';

/** The callback names a request this issuer does not hold. */
export class InstrumentRequestNotFoundError extends Error {
  override readonly name = 'InstrumentRequestNotFoundError';
}

/** A COMPLETED callback whose identifiers are missing or not valid for the instrument type. */
export class InvalidIdentifiersError extends Error {
  override readonly name = 'InvalidIdentifiersError';
}

export interface CallbackOutcome {
  status: string;
  duplicate: boolean;
}

const DEFAULT_REASONS: Record<IssuerCallbackBody['status'], string> = {
  ACCEPTED: 'Accepted by the issuing bank',
  COMPLETED: 'Issued by the issuing bank',
  REJECTED: 'Request has been denied by the issuing bank.',
  FAILED: 'The issuing bank could not serve the request',
};

/**
 * Applies a verified bank callback in the caller's transaction. The event is claimed first by
 * (issuer, event id): a redelivery finds it and changes nothing (its first outcome is answered again);
 * a callback that fails rolls its claim back, so the bank's retry is applied.
 * The same status again is a no-op; any other move must be legal (IllegalTransitionError otherwise).
 */
export async function applyIssuerCallback(
  ctx: WriteContext,
  input: { issuer: string; eventId: string; body: IssuerCallbackBody },
): Promise<CallbackOutcome> {
  const { trx } = ctx;
  const { issuer, eventId, body } = input;
  // Claimed first: a concurrent redelivery of the same event waits here for this one's commit.
  const claimed = await trx
    .insertInto('issuer_callback_events')
    .values({ issuer, event_id: eventId, assignment_id: null, outcome: '{}' })
    .onConflict((oc) => oc.columns(['issuer', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  if (!claimed) {
    const seen = await trx
      .selectFrom('issuer_callback_events')
      .select('outcome')
      .where('issuer', '=', issuer)
      .where('event_id', '=', eventId)
      .executeTakeFirstOrThrow();
    return { ...(seen.outcome as CallbackOutcome), duplicate: true };
  }

  const located = await trx
    .selectFrom('virtual_account_assignments as v')
    .innerJoin('accounts as a', 'a.id', 'v.account_id')
    .select(['a.tenant_id', 'a.customer_id'])
    .where('v.id', '=', body.reference)
    .where('v.issuer', '=', issuer)
    .executeTakeFirst();
  if (!located)
    throw new InstrumentRequestNotFoundError(`Issuer ${issuer} holds no request ${body.reference}`);
  await lockCustomer(ctx, located.tenant_id, located.customer_id);
  const row = await trx
    .selectFrom('virtual_account_assignments')
    .selectAll()
    .where('id', '=', body.reference)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const to = body.status as VirtualAssignmentStatus;
  const reason = body.reason ?? DEFAULT_REASONS[body.status];
  let status = row.status;
  if (row.status !== to) {
    const type = row.instrument_type as VirtualInstrumentType;
    let identifiers: Parameters<typeof transitionInstrumentRequest>[3]['identifiers'];
    if (to === 'COMPLETED') {
      const problem = body.identifiers
        ? identifierProblem(type, body.identifiers)
        : 'identifiers are required';
      if (problem) throw new InvalidIdentifiersError(problem);
      identifiers = { type, values: canonicalIdentifiers(type, body.identifiers ?? {}) };
    }
    const moved = await transitionInstrumentRequest(trx, row, to, {
      reason,
      source: 'issuer-callback',
      ...(identifiers && { identifiers }),
    });
    status = moved.status;
  }
  const outcome: CallbackOutcome = { status, duplicate: false };
  await trx
    .updateTable('issuer_callback_events')
    .set({ assignment_id: row.id, outcome: JSON.stringify(outcome) })
    .where('issuer', '=', issuer)
    .where('event_id', '=', eventId)
    .execute();
  return outcome;
}
