import { type AccountStatus, accountStatusFor, type RestrictionName } from '@wallet/domain';
import { fromKysely, QUEUES } from '@wallet/jobs';
import { sql } from 'kysely';
import { accountUpdatePayload } from './account-update-payload.js';
import type { WriteContext } from './context.js';

/** Statuses no restriction rule moves an account out of. */
const RESERVED: readonly string[] = ['DORMANT', 'CLOSED'] satisfies AccountStatus[];

export interface RecordedEvent {
  eventId: string;
  accountId: string;
  status: string;
}

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
  for (const account of changed) {
    const row = await trx
      .insertInto('account_events')
      .values({
        event_id: sql<string>`'EVT' || nextval('account_event_number_seq')`,
        tenant_id: customer.tenant_id,
        account_id: account.id,
        // The status the partner last heard of: the latest event's, or ACTIVE before the first.
        previous_status: sql<string>`COALESCE((SELECT e.status FROM account_events e WHERE e.account_id = ${account.id} ORDER BY e.id DESC LIMIT 1), 'ACTIVE')`,
        status: target,
        payload: JSON.stringify(accountUpdatePayload(account, customer)),
        cause,
      })
      .returning(['event_id'])
      .executeTakeFirstOrThrow();
    await ctx.boss.send(
      QUEUES.webhookFanout,
      { eventId: row.event_id, requestId: ctx.requestId },
      { db: fromKysely(trx), singletonKey: row.event_id },
    );
    events.push({ eventId: row.event_id, accountId: account.id, status: target });
  }
  return events;
}
