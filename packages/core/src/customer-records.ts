import type {
  AccountRow,
  CustomerRow,
  Database,
  RestrictionRow,
  VirtualAccountAssignmentRow,
} from '@wallet/db';
import { type Kysely, sql } from 'kysely';

/** A tenant's customer; undefined for another tenant's or none. */
export async function findCustomer(
  db: Kysely<Database>,
  tenantId: string,
  customerId: string,
): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', customerId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
}

/** Whether the tenant has this customer (the id alone is read). */
export async function isCustomerOfTenant(
  db: Kysely<Database>,
  tenantId: string,
  customerId: string,
): Promise<boolean> {
  const found = await db
    .selectFrom('customers')
    .select('id')
    .where('id', '=', customerId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return found !== undefined;
}

/** A new customer of the tenant (seed 004). A second one with the tenant's externalId fails with PostgreSQL's unique violation. */
export async function createCustomer(
  db: Kysely<Database>,
  input: {
    tenantId: string;
    externalId: string;
    type: string;
    email: string;
    mobile?: string | undefined;
    registrationIp: string;
    registrationDate?: string | undefined;
  },
): Promise<CustomerRow> {
  return db
    .insertInto('customers')
    .values({
      tenant_id: input.tenantId,
      external_id: input.externalId,
      type: input.type,
      email: input.email,
      mobile: input.mobile ?? null,
      registration_ip: input.registrationIp,
      registration_date: input.registrationDate ? new Date(input.registrationDate) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A customer's contact details, as a merge patch: a field left out is kept, `mobile: null` removes
 * the number. Undefined when the tenant has no such customer.
 */
export async function updateCustomerContact(
  db: Kysely<Database>,
  input: {
    tenantId: string;
    customerId: string;
    email?: string | undefined;
    mobile?: string | null | undefined;
  },
): Promise<CustomerRow | undefined> {
  return db
    .updateTable('customers')
    .set({
      ...(input.email !== undefined && { email: input.email }),
      ...(input.mobile !== undefined && { mobile: input.mobile }),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', input.customerId)
    .where('tenant_id', '=', input.tenantId)
    .returningAll()
    .executeTakeFirst();
}

/** What a customer's answer shows besides its own row: active restrictions, accounts and their instrument requests. */
export interface CustomerHoldings {
  restrictions: RestrictionRow[];
  accounts: AccountRow[];
  assignments: VirtualAccountAssignmentRow[];
}

/** The holdings of these customers, in three queries whatever the count (none for no customers). */
export async function loadCustomerHoldings(
  db: Kysely<Database>,
  customerIds: readonly string[],
): Promise<CustomerHoldings> {
  if (customerIds.length === 0) return { restrictions: [], accounts: [], assignments: [] };
  const [restrictions, accounts] = await Promise.all([
    db
      .selectFrom('restrictions')
      .selectAll()
      .where('customer_id', 'in', customerIds)
      .where('lifted_at', 'is', null)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('accounts').selectAll().where('customer_id', 'in', customerIds).orderBy('id').execute(),
  ]);
  const assignments = await loadInstrumentRequests(
    db,
    accounts.map((a) => a.id),
  );
  return { restrictions, accounts, assignments };
}

/** The instrument requests of these accounts, oldest first (what an Account shows of them). */
export async function loadInstrumentRequests(
  db: Kysely<Database>,
  accountIds: readonly string[],
): Promise<VirtualAccountAssignmentRow[]> {
  if (accountIds.length === 0) return [];
  return db
    .selectFrom('virtual_account_assignments')
    .selectAll()
    .where('account_id', 'in', accountIds)
    .orderBy('id')
    .execute();
}
