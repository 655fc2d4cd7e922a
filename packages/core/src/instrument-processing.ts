import type { VirtualAssignmentStatus, VirtualInstrumentType } from '@wallet/domain';
import {
  CURRENCY_OF_INSTRUMENT,
  canonicalIdentifiers,
  type IssuerAnswer,
  type IssuerPort,
  identifierProblem,
} from '@wallet/instruments';
import type { WriteContext } from './context.js';
import { lockCustomer } from './customers.js';
import { transitionInstrumentRequest } from './instrument-requests.js';

/** The issuer failed in a way worth another attempt: thrown so that the job is retried. */
export class RetryableIssuerError extends Error {
  override readonly name = 'RetryableIssuerError';
}

export interface ProcessInstrumentRequestInput {
  assignmentId: string;
  /** The job's last attempt: a retryable failure now makes the request FAILED. */
  finalAttempt: boolean;
  attempt: number;
}

export type ProcessOutcome =
  | { result: 'skipped'; status: string }
  | { result: 'processed'; status: VirtualAssignmentStatus; reason: string };

interface ProfileCountry {
  billingAddress?: { countryCode?: string };
}

/**
 * Why the platform itself refuses the request before asking the issuer, or undefined: the account
 * is closed, the type does not hold the account's currency, or the customer is blocked (an active
 * ALL_TRANSACTIONS restriction, or a RED latest screening).
 */
async function refusal(
  ctx: WriteContext,
  type: VirtualInstrumentType,
  account: { status: string; currency_code: string },
  customerId: string,
): Promise<string | undefined> {
  if (account.status === 'CLOSED') return 'The account is closed';
  if (CURRENCY_OF_INSTRUMENT[type] !== account.currency_code) {
    return `${type} is offered for ${CURRENCY_OF_INSTRUMENT[type]} accounts only; this account is in ${account.currency_code}`;
  }
  const blocked = await ctx.trx
    .selectFrom('restrictions')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('name', '=', 'ALL_TRANSACTIONS')
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  if (blocked) return 'The customer is blocked by an ALL_TRANSACTIONS restriction';
  const screening = await ctx.trx
    .selectFrom('screening_records')
    .select('traffic_light')
    .where('customer_id', '=', customerId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (screening?.traffic_light === 'RED') return "The customer's latest screening is RED";
  return undefined;
}

/**
 * The worker's step for one request, in the caller's transaction: a request no longer PENDING is
 * left alone (the job is idempotent); otherwise the platform's own rules, then the issuer, decide
 * its next status. A range issuer completes at once (PENDING → ACCEPTED → COMPLETED in this
 * transaction, with the allocation); a callback issuer leaves it ACCEPTED until the bank answers.
 */
export async function processInstrumentRequest(
  ctx: WriteContext,
  input: ProcessInstrumentRequestInput,
  issuers: Record<VirtualInstrumentType, IssuerPort>,
): Promise<ProcessOutcome> {
  const { trx } = ctx;
  const located = await trx
    .selectFrom('virtual_account_assignments as v')
    .innerJoin('accounts as a', 'a.id', 'v.account_id')
    .select(['a.tenant_id', 'a.customer_id'])
    .where('v.id', '=', input.assignmentId)
    .executeTakeFirst();
  if (!located) return { result: 'skipped', status: 'MISSING' };
  // Customer first, then the request: the order account closing takes them in.
  const customer = await lockCustomer(ctx, located.tenant_id, located.customer_id);
  const row = await trx
    .selectFrom('virtual_account_assignments')
    .selectAll()
    .where('id', '=', input.assignmentId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (row.status !== 'PENDING' || !row.instrument_type || !customer)
    return { result: 'skipped', status: row.status };
  const type = row.instrument_type as VirtualInstrumentType;
  const account = await trx
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', row.account_id)
    .executeTakeFirstOrThrow();
  const source = 'worker' as const;

  const refused = await refusal(ctx, type, account, customer.id);
  if (refused) {
    await transitionInstrumentRequest(trx, row, 'REJECTED', { reason: refused, source });
    return { result: 'processed', status: 'REJECTED', reason: refused };
  }
  const issuer = issuers[type];
  const countryCode = (customer.profile as ProfileCountry | null)?.billingAddress?.countryCode;
  const answer: IssuerAnswer = await issuer.request(
    { id: row.id, instrumentType: type },
    { id: account.id, currencyCode: account.currency_code },
    { id: customer.id, externalId: customer.external_id, ...(countryCode && { countryCode }) },
    { trx },
  );
  switch (answer.kind) {
    case 'accepted':
      await transitionInstrumentRequest(trx, row, 'ACCEPTED', {
        reason: answer.reason,
        source,
        issuer: issuer.name,
        issuerReference: answer.reference,
      });
      return { result: 'processed', status: 'ACCEPTED', reason: answer.reason };
    case 'completed': {
      const problem = identifierProblem(type, answer.identifiers as unknown as Record<string, unknown>);
      if (problem) {
        const reason = `The issuer returned identifiers that are not valid: ${problem}`;
        await transitionInstrumentRequest(trx, row, 'FAILED', { reason, source, issuer: issuer.name });
        return { result: 'processed', status: 'FAILED', reason };
      }
      const accepted = await transitionInstrumentRequest(trx, row, 'ACCEPTED', {
        reason: `Accepted by ${issuer.name}`,
        source,
        issuer: issuer.name,
      });
      const values = canonicalIdentifiers(type, answer.identifiers as unknown as Record<string, unknown>);
      await transitionInstrumentRequest(trx, accepted, 'COMPLETED', {
        reason: answer.reason,
        source,
        identifiers: { type, values },
      });
      return { result: 'processed', status: 'COMPLETED', reason: answer.reason };
    }
    case 'rejected':
      await transitionInstrumentRequest(trx, row, 'REJECTED', {
        reason: answer.reason,
        source,
        issuer: issuer.name,
      });
      return { result: 'processed', status: 'REJECTED', reason: answer.reason };
    case 'failed': {
      if (answer.retryable && !input.finalAttempt) throw new RetryableIssuerError(answer.reason);
      const reason = answer.retryable
        ? `${answer.reason} (gave up after ${input.attempt} attempts)`
        : answer.reason;
      await transitionInstrumentRequest(trx, row, 'FAILED', { reason, source, issuer: issuer.name });
      return { result: 'processed', status: 'FAILED', reason };
    }
  }
}
