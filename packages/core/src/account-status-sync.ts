import { type AccountStatus, accountStatusFor, type RestrictionName } from '@wallet/domain';
import { sql } from 'kysely';
import { type RecordedEvent, recordAccountUpdate } from './account-events.js';
import type { WriteContext } from './context.js';

/** Statuses no restriction rule moves an account out of. */
const RESERVED: readonly string[] = ['DORMANT', 'CLOSED'] satisfies AccountStatus[];

/**
 * Brings each account of a customer to the status its active restrictions imply, and records an
 * Account.UPDATE event (plus its fan-out job) for every account whose status changed.
 * The caller must hold the customer's row lock (see lockCustomer).
 */
export async function syncAccountStatuses(
  ctx: WriteContext,
  customerId: string,
  cause: string,
): Promise<RecordedEvent[]> {
  const { trx } = ctx;
  // The customer (for the event payload) and its active restrictions, in one round trip.
  const customer = await trx
    .selectFrom('customers')
    .select([
      'id',
      'profile',
      'external_id',
      'tenant_id',
      sql<
        string[]
      >`ARRAY(SELECT r.name FROM restrictions r WHERE r.customer_id = customers.id AND r.lifted_at IS NULL)`.as(
        'active',
      ),
    ])
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
  const target = accountStatusFor(customer.active as RestrictionName[]);
  const changed = await trx
    .updateTable('accounts')
    .set({ status: target, updated_at: sql<Date>`now()` })
    .where('customer_id', '=', customerId)
    .where('status', '<>', target)
    .where('status', 'not in', RESERVED)
    .returningAll()
    .execute();
  const events: RecordedEvent[] = [];
  for (const account of changed) events.push(await recordAccountUpdate(ctx, account, customer, cause));
  return events;
}
