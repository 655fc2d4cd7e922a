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
  const active = await trx
    .selectFrom('restrictions')
    .select('name')
    .where('customer_id', '=', customerId)
    .where('lifted_at', 'is', null)
    .execute();
  const target = accountStatusFor(active.map((r) => r.name as RestrictionName));
  const customer = await trx
    .selectFrom('customers')
    .select(['id', 'profile', 'external_id', 'tenant_id'])
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
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
    const previous = await trx
      .selectFrom('account_events')
      .select('status')
      .where('account_id', '=', account.id)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const row = await trx
      .insertInto('account_events')
      .values({
        event_id: sql<string>`'EVT' || nextval('account_event_number_seq')`,
        tenant_id: customer.tenant_id,
        account_id: account.id,
        previous_status: previous?.status ?? 'ACTIVE',
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
