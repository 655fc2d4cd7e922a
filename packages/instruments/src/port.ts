import type { Database } from '@wallet/db';
import type { VirtualInstrumentType } from '@wallet/domain';
import type { Transaction } from 'kysely';
import type { InstrumentIdentifiers } from './identifiers.js';

/** The request being served: our id for it is also the reference the issuer answers with. */
export interface InstrumentRequest {
  id: string;
  instrumentType: VirtualInstrumentType;
}

export interface InstrumentAccount {
  id: string;
  currencyCode: string;
}

export interface InstrumentCustomer {
  id: string;
  externalId: string;
  /** ISO 3166 alpha-3 of the customer's billing address (seed 003 profile), when one is stored. */
  countryCode?: string;
}

/** What an issuer answers a request with. */
export type IssuerAnswer =
  /** Taken; the issuer answers later (a bank callback). */
  | { kind: 'accepted'; reference: string; reason: string }
  /** Issued at once: the identifiers are known. */
  | { kind: 'completed'; identifiers: InstrumentIdentifiers; reason: string }
  /** Refused for good: the reason is the partner's to read. */
  | { kind: 'rejected'; reason: string }
  /** The issuer could not serve it: `retryable` faults are tried again, a bounded number of times. */
  | { kind: 'failed'; reason: string; retryable: boolean };

/**
 * What an adapter may use: the transaction in which the worker records the answer, so that an
 * allocated number and the COMPLETED status commit together or not at all.
 */
export interface IssuerContext {
  trx: Transaction<Database>;
}

/** The issuer port: one adapter per way a partner bank issues accounts. */
export interface IssuerPort {
  /** The issuer's name, stored with each request it serves (callbacks are addressed by it). */
  readonly name: string;
  request(
    instrument: InstrumentRequest,
    account: InstrumentAccount,
    customer: InstrumentCustomer,
    ctx: IssuerContext,
  ): Promise<IssuerAnswer>;
}
