import type { AccountRow, CustomerRow } from '@wallet/db';
import { ACCOUNT_UPDATE } from '@wallet/domain';
import { fromKysely, QUEUES, sendJob } from '@wallet/jobs';
import { sql } from 'kysely';
import { accountUpdatePayload } from './account-update-payload.js';
import type { WriteContext } from './context.js';

export interface RecordedEvent {
  eventId: string;
  accountId: string;
  status: string;
}

/**
 * Records an account's Account.UPDATE event in the event log (the seed 001 payload as the account stands now) and
 * enqueues its fan-out job, both in the caller's transaction.
 */
export async function recordAccountUpdate(
  ctx: WriteContext,
  account: AccountRow,
  customer: Pick<CustomerRow, 'id' | 'profile' | 'external_id' | 'tenant_id'>,
  cause: string,
): Promise<RecordedEvent> {
  const { trx } = ctx;
  const row = await trx
    .insertInto('events')
    .values({
      event_id: sql<string>`'EVT' || nextval('account_event_number_seq')`,
      tenant_id: customer.tenant_id,
      event_type: ACCOUNT_UPDATE,
      subject_type: 'Account',
      subject_id: account.id,
      // Ordered per account, as Account.UPDATE always was.
      ordering_key: account.id,
      account_id: account.id,
      // The status the partner last heard of: the latest event's, or ACTIVE before the first.
      previous_status: sql<string>`COALESCE((SELECT e.status FROM events e WHERE e.account_id = ${account.id} ORDER BY e.id DESC LIMIT 1), 'ACTIVE')`,
      status: account.status,
      payload: JSON.stringify(accountUpdatePayload(account, customer)),
      cause,
    })
    .returning(['event_id'])
    .executeTakeFirstOrThrow();
  await sendJob(
    ctx.boss,
    QUEUES.webhookFanout,
    { eventId: row.event_id, requestId: ctx.requestId },
    { db: fromKysely(trx), singletonKey: row.event_id },
  );
  return { eventId: row.event_id, accountId: account.id, status: account.status };
}
