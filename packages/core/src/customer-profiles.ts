import type { Database } from '@wallet/db';
import type { ScreeningQuery, ScreeningResult } from '@wallet/screening';
import { type Kysely, sql } from 'kysely';
import type { WriteContext } from './context.js';
import { lockCustomer } from './customers.js';
import { recordScreening, type ScreeningOutcome } from './screening-outcome.js';

/** A tenant's customer by the partner's own id (seed 003's customerAccountId); undefined when it has none. */
export async function findCustomerByExternalId(
  db: Kysely<Database>,
  tenantId: string,
  externalId: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

/**
 * Stores the partner's profile of a customer (seed 003's PATCH body, as sent), under the customer's
 * lock, in the caller's transaction: the screening of that profile is recorded in the same one.
 * False when the customer no longer exists.
 */
export async function storeCustomerProfile(
  ctx: Pick<WriteContext, 'trx'>,
  input: { tenantId: string; customerId: string; profile: unknown },
): Promise<boolean> {
  const locked = await lockCustomer(ctx, input.tenantId, input.customerId);
  if (!locked) return false;
  await ctx.trx
    .updateTable('customers')
    .set({ profile: JSON.stringify(input.profile), updated_at: sql<Date>`now()` })
    .where('id', '=', input.customerId)
    .execute();
  return true;
}

/**
 * Seed 003's account update in the caller's transaction: the partner's profile stored under the
 * customer's lock, and its screening (done before the transaction opened) recorded with its
 * effects. Undefined when the customer no longer exists.
 */
export async function storeScreenedProfile(
  ctx: WriteContext,
  input: {
    tenantId: string;
    customerId: string;
    profile: unknown;
    queries: ScreeningQuery[];
    result: ScreeningResult;
    listVersion: string;
  },
): Promise<ScreeningOutcome | undefined> {
  const { tenantId, customerId, profile, ...screening } = input;
  if (!(await storeCustomerProfile(ctx, { tenantId, customerId, profile }))) return undefined;
  return recordScreening(ctx, { tenantId, customerId, ...screening });
}
