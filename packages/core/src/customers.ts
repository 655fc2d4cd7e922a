import type { CustomerRow } from '@wallet/db';
import type { WriteContext } from './context.js';

/**
 * Locks a tenant's customer for the rest of the transaction, so that concurrent restriction
 * changes on one customer apply one after the other. Undefined when the tenant has no such customer.
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
    .forUpdate()
    .executeTakeFirst();
}
