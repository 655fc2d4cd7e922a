import type { CustomerRow } from '@wallet/db';
import { sql } from 'kysely';
import type { WriteContext } from './context.js';

/**
 * Locks a tenant's customer for the rest of the transaction, so that concurrent restriction
 * changes on one customer apply one after the other. Undefined when the tenant has no such customer.
 *
 * FOR NO KEY UPDATE, the weakest lock that serialises writers: it conflicts with every other
 * writer's, but not with the FOR KEY SHARE that a foreign key check takes, so the intake's inserts
 * (change notifications reference their customer) never wait for a worker and cannot deadlock with one.
 * A transaction that locks several customers locks them in id order (lockCustomers) first.
 */
export async function lockCustomer(
  ctx: Pick<WriteContext, 'trx'>,
  tenantId: string,
  customerId: string,
): Promise<CustomerRow | undefined> {
  return ctx.trx
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', customerId)
    .where('tenant_id', '=', tenantId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/**
 * Locks the customers of the given change notifications, in customer id order, in one statement:
 * the order every writer that takes several customer locks follows, so two such transactions wait
 * for each other instead of deadlocking. Later lockCustomer calls in the transaction find the lock
 * already held. Returns the customers locked (id and tenant).
 */
export async function lockCustomersOfNotifications(
  ctx: Pick<WriteContext, 'trx'>,
  notificationIds: readonly string[],
): Promise<{ id: string; tenant_id: string }[]> {
  const { rows } = await sql<{ id: string; tenant_id: string }>`SELECT c.id, c.tenant_id FROM customers c
    WHERE c.id IN (SELECT n.customer_id FROM change_notifications n WHERE n.id = ANY(${notificationIds}::uuid[]))
    ORDER BY c.id
    FOR NO KEY UPDATE OF c`.execute(ctx.trx);
  return rows;
}
