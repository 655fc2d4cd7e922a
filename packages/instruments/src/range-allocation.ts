import type { VirtualInstrumentType } from '@wallet/domain';
import { composeIBAN } from 'ibantools';
import type { RangeConfig, SepaRangeConfig, UkRangeConfig, UsRangeConfig } from './config.js';
import { type InstrumentIdentifiers, identifierKey, identifierProblem } from './identifiers.js';
import type { IssuerAnswer, IssuerContext, IssuerPort } from './port.js';

/**
 * How many numbers one allocation looks at before giving up. Most UK account numbers of a sort code
 * fail its modulus check, so several are skipped between two valid ones; a range in which none of
 * this many is valid is a configuration mistake, not a reason to scan millions of numbers.
 */
const SCAN_LIMIT = 2_000;

interface RangeShape {
  /** The counter row's key: what the bank granted, without the range's end (which may be extended). */
  key: string;
  label: string;
  first: string;
  last: string;
  build(accountNumber: string): InstrumentIdentifiers;
}

function shapeOf(type: VirtualInstrumentType, config: RangeConfig): RangeShape {
  const { first, last } = config.accountNumbers;
  switch (type) {
    case 'SEPA_BANK_ACCOUNT': {
      const c = config as SepaRangeConfig;
      return {
        key: `SEPA:${c.country}:${c.bankCode}:${first}`,
        label: `SEPA ${c.country} bank code ${c.bankCode}, account numbers ${first}-${last}`,
        first,
        last,
        build: (n) => ({
          iban: composeIBAN({ countryCode: c.country, bban: `${c.bankCode}${n}` }) ?? '',
          bic: c.bic,
        }),
      };
    }
    case 'UK_BANK_ACCOUNT': {
      const c = config as UkRangeConfig;
      return {
        key: `UK:${c.sortCode}:${first}`,
        label: `UK sort code ${c.sortCode}, account numbers ${first}-${last}`,
        first,
        last,
        build: (n) => ({ sortCode: c.sortCode, accountNumber: n }),
      };
    }
    case 'US_BANK_ACCOUNT': {
      const c = config as UsRangeConfig;
      return {
        key: `US:${c.routingNumber}:${first}`,
        label: `US routing number ${c.routingNumber}, account numbers ${first}-${last}`,
        first,
        last,
        build: (n) => ({ routingNumber: c.routingNumber, accountNumber: n }),
      };
    }
  }
}

/**
 * The embedded default issuer: the bank granted a range of identifiers and the platform assigns
 * them itself. Numbers are taken in order from a counter row, locked and advanced in the worker's
 * transaction: concurrent requests queue on the row, so no number is handed out twice, and a
 * transaction that rolls back gives its number back, so none is lost. Numbers whose identifiers are
 * not valid (a UK account number failing the sort code's modulus check, a BBAN failing a national
 * check) or already issued (overlapping ranges) are passed over.
 */
export function createRangeAllocationIssuer(type: VirtualInstrumentType, config: RangeConfig): IssuerPort {
  const shape = shapeOf(type, config);
  const width = shape.first.length;
  const last = BigInt(shape.last);
  const development = config.development === true;
  return {
    name: development ? 'development-range' : 'range',
    async request(_instrument, _account, _customer, { trx }: IssuerContext): Promise<IssuerAnswer> {
      // The end of the range follows the configuration, so that an extended grant goes on from here.
      await trx
        .insertInto('instrument_range_counters')
        .values({ range_key: shape.key, next_value: shape.first, last_value: shape.last })
        .onConflict((oc) => oc.column('range_key').doUpdateSet({ last_value: shape.last }))
        .execute();
      const counter = await trx
        .selectFrom('instrument_range_counters')
        .select('next_value')
        .where('range_key', '=', shape.key)
        .forUpdate()
        .executeTakeFirstOrThrow();
      let n = BigInt(counter.next_value);
      for (let scanned = 0; n <= last && scanned < SCAN_LIMIT; n++, scanned++) {
        const identifiers = shape.build(n.toString().padStart(width, '0'));
        if (identifierProblem(type, identifiers as unknown as Record<string, unknown>)) continue;
        const taken = await trx
          .selectFrom('virtual_account_assignments')
          .select('id')
          .where('identifier_key', '=', identifierKey(type, identifiers))
          .executeTakeFirst();
        if (taken) continue;
        await trx
          .updateTable('instrument_range_counters')
          .set({ next_value: (n + 1n).toString(), updated_at: new Date() })
          .where('range_key', '=', shape.key)
          .execute();
        return {
          kind: 'completed',
          identifiers,
          reason: development
            ? 'Issued from the DEVELOPMENT range: not a real bank account'
            : `Issued from the range ${shape.label}`,
        };
      }
      if (n > last) {
        return {
          kind: 'failed',
          retryable: false,
          reason: `The range ${shape.label} is exhausted: every number in it has been issued. Configure the next range the bank granted.`,
        };
      }
      // Every number scanned is invalid or taken: the next allocation need not look at them again.
      await trx
        .updateTable('instrument_range_counters')
        .set({ next_value: n.toString(), updated_at: new Date() })
        .where('range_key', '=', shape.key)
        .execute();
      return {
        kind: 'failed',
        retryable: false,
        reason: `No valid identifier in ${SCAN_LIMIT} numbers of the range ${shape.label} from ${n - BigInt(SCAN_LIMIT)}: check the range configuration.`,
      };
    },
  };
}
