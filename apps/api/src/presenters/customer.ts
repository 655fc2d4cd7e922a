import type { Account, Customer, Restriction } from '@wallet/contract';
import { loadCustomerHoldings } from '@wallet/core';
import type {
  AccountRow,
  CustomerRow,
  Database,
  RestrictionRow,
  VirtualAccountAssignmentRow,
} from '@wallet/db';
import type {
  AccountStatus,
  CustomerType,
  RequiredAction,
  RestrictionName,
  RestrictionReason,
  VirtualAssignmentStatus,
  VirtualInstrumentType,
} from '@wallet/domain';
import { canonicalIdentifiers } from '@wallet/instruments';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { exactInteger } from '../json.js';

type AccountBody = z.input<typeof Account>;
type CustomerBody = z.input<typeof Customer>;

export function presentRestriction(row: RestrictionRow): z.input<typeof Restriction> {
  return {
    name: row.name as RestrictionName,
    reason: row.reason as RestrictionReason,
    requiredActions: row.required_actions as RequiredAction[],
    creationTime: row.created_at.toISOString(),
    id: row.id,
  };
}

function presentAssignment(
  row: VirtualAccountAssignmentRow,
): AccountBody['virtualAccountAssignmentStatus'][number] {
  return {
    // Absent only for a currency that has no instrument: the request is REJECTED without inventing one.
    ...(row.instrument_type && { instrumentType: row.instrument_type as VirtualInstrumentType }),
    requestDate: row.request_date.toISOString(),
    ...(row.last_change_date && { lastChangeDate: row.last_change_date.toISOString() }),
    status: row.status as VirtualAssignmentStatus,
    ...(row.status_reason && { statusReason: row.status_reason }),
  };
}

/** An instrument is ACTIVE from its request's completion until its account closes. */
function activeInstruments(assignments: VirtualAccountAssignmentRow[]): AccountBody['virtualInstrument'] {
  return assignments
    .filter((a) => a.status === 'COMPLETED' && a.instrument_type && !a.deactivated_at)
    .map((a) => ({
      instrumentType: a.instrument_type as VirtualInstrumentType,
      status: 'ACTIVE' as const,
      // In a fixed order (jsonb stores keys sorted by length): IBAN before BIC, sort code or routing first.
      ...canonicalIdentifiers(a.instrument_type as VirtualInstrumentType, a.identifiers ?? {}),
    }));
}

export function presentAccount(row: AccountRow, assignments: VirtualAccountAssignmentRow[]): AccountBody {
  const instruments = activeInstruments(assignments);
  return {
    id: row.id,
    customerId: row.customer_id,
    ...(row.external_id && { externalId: row.external_id }),
    currencyCode: row.currency_code,
    number: row.number,
    status: row.status as AccountStatus,
    totalBalance: exactInteger(row.total_balance),
    availableBalance: exactInteger(row.available_balance),
    virtualInstrument: instruments,
    virtualAccountAssignmentStatus: assignments.map(presentAssignment),
    creationTime: row.created_at.toISOString(),
    hasVirtualInstrument: instruments.length > 0,
    virtualAccountAssignment: row.virtual_account_assignment,
  };
}

export function presentCustomerFields(row: CustomerRow): Omit<CustomerBody, 'restrictions' | 'accounts'> {
  return {
    id: row.id,
    externalId: row.external_id,
    type: row.type as CustomerType,
    email: row.email,
    ...(row.mobile && { mobile: row.mobile }),
    registrationIp: row.registration_ip,
    ...(row.registration_date && { registrationDate: row.registration_date.toISOString() }),
  };
}

/** Customers with their active restrictions and their accounts, in three queries whatever the count. */
export async function loadCustomers(db: Kysely<Database>, rows: CustomerRow[]): Promise<CustomerBody[]> {
  const { restrictions, accounts, assignments } = await loadCustomerHoldings(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    ...presentCustomerFields(row),
    restrictions: restrictions.filter((r) => r.customer_id === row.id).map(presentRestriction),
    accounts: accounts
      .filter((a) => a.customer_id === row.id)
      .map((a) =>
        presentAccount(
          a,
          assignments.filter((v) => v.account_id === a.id),
        ),
      ),
  }));
}
