import type { AccountRow } from '@wallet/db';
import { ACCOUNT_UPDATE, accountStatusFor, type RestrictionName } from '@wallet/domain';
import { fromKysely, insertJobs, QUEUES } from '@wallet/jobs';
import { sql } from 'kysely';
import { accountUpdatePayload } from './account-update-payload.js';
import type { WriteContext } from './context.js';

/** One customer whose restrictions changed: why, and the requestId its fan-out jobs carry. */
export interface CustomerChange {
  customerId: string;
  cause: string;
  requestId?: string | undefined;
}

/**
 * syncAccountStatuses for several DISTINCT customers at once (the caller holds their row locks), in
 * four statements whatever their number: the customers with their active restrictions; every
 * account moved to the status they imply (one UPDATE); one Account.UPDATE event per account whose
 * status changed (one INSERT); and the events' fan-out jobs (one boss.insert). The effect is that of
 * calling syncAccountStatuses for each customer in turn.
 */
export async function syncAccountStatusesOf(
  ctx: Pick<WriteContext, 'trx' | 'boss'>,
  changes: readonly CustomerChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const { trx } = ctx;
  const ids = changes.map((c) => c.customerId);
  const customers = await trx
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
    .where('id', '=', sql<string>`ANY(${ids}::bigint[])`)
    .execute();
  const byId = new Map(customers.map((c) => [c.id, c]));
  const targets = ids.map((id) => {
    const customer = byId.get(id);
    if (!customer) throw new Error(`customer ${id} vanished while locked`);
    return accountStatusFor(customer.active as RestrictionName[]);
  });
  // Statuses no restriction rule moves an account out of: DORMANT, CLOSED (as syncAccountStatuses).
  const { rows: changed } = await sql<AccountRow>`UPDATE accounts a
    SET status = t.status, updated_at = now()
    FROM unnest(${ids}::bigint[], ${targets}::text[]) AS t (customer_id, status)
    WHERE a.customer_id = t.customer_id AND a.status <> t.status AND a.status NOT IN ('DORMANT', 'CLOSED')
    RETURNING a.*`.execute(trx);
  if (changed.length === 0) return;
  const changeOf = new Map(changes.map((c) => [c.customerId, c]));
  const events = changed.map((account) => {
    const customer = byId.get(account.customer_id);
    const change = changeOf.get(account.customer_id);
    if (!customer || !change) throw new Error(`account ${account.id} of an unknown customer`);
    return {
      account,
      tenantId: customer.tenant_id,
      payload: JSON.stringify(accountUpdatePayload(account, customer)),
      change,
    };
  });
  // The status the partner last heard of: the latest event's, or ACTIVE before the first.
  const { rows: recorded } = await sql<{ event_id: string; account_id: string }>`INSERT INTO events
      (event_id, tenant_id, event_type, subject_type, subject_id, ordering_key, account_id, previous_status,
       status, payload, cause)
    SELECT 'EVT' || nextval('account_event_number_seq'), v.tenant_id, ${ACCOUNT_UPDATE}, 'Account',
      v.account_id::text, v.account_id::text, v.account_id,
      COALESCE((SELECT e.status FROM events e WHERE e.account_id = v.account_id ORDER BY e.id DESC LIMIT 1), 'ACTIVE'),
      v.status, v.payload, v.cause
    FROM unnest(${events.map((e) => e.tenantId)}::uuid[], ${events.map((e) => e.account.id)}::bigint[],
      ${events.map((e) => e.account.status)}::text[], ${events.map((e) => e.payload)}::jsonb[],
      ${events.map((e) => e.change.cause)}::text[]) AS v (tenant_id, account_id, status, payload, cause)
    RETURNING event_id, account_id`.execute(trx);
  const requestIdOf = new Map(events.map((e) => [e.account.id, e.change.requestId]));
  await insertJobs(
    ctx.boss,
    QUEUES.webhookFanout,
    recorded.map((r) => ({
      data: { eventId: r.event_id, requestId: requestIdOf.get(r.account_id) },
      singletonKey: r.event_id,
    })),
    { db: fromKysely(trx) },
  );
}
