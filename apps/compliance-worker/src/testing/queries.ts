import type { Database } from '@wallet/db';
import { type Kysely, sql } from 'kysely';

export function restrictionsOf(db: Kysely<Database>, customerId: string) {
  return db
    .selectFrom('restrictions')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .execute();
}

export async function statusesOf(db: Kysely<Database>, customerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('accounts')
    .select('status')
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.status);
}

/** [previous, new] status of every Account.UPDATE event of a customer's accounts, in order. */
export async function eventsOf(db: Kysely<Database>, customerId: string): Promise<string[][]> {
  const rows = await db
    .selectFrom('account_events')
    .innerJoin('accounts', 'accounts.id', 'account_events.account_id')
    .select(['account_events.previous_status', 'account_events.status'])
    .where('accounts.customer_id', '=', customerId)
    .orderBy('account_events.id')
    .execute();
  return rows.map((r) => [r.previous_status, r.status]);
}

export interface JobRow {
  id: string;
  name: string;
  state: string;
  data: Record<string, unknown>;
  output: Record<string, unknown> | null;
  retry_count: number;
  start_after: Date;
  source_id: string | null;
  source_output: Record<string, unknown> | null;
}

/** pg-boss's job rows of a queue (its own schema, outside the typed Database). */
export async function jobsOf(db: Kysely<Database>, queue: string): Promise<JobRow[]> {
  const { rows } = await sql<JobRow>`
    SELECT id, name, state, data, output, retry_count, start_after, source_id, source_output
    FROM pgboss.job WHERE name = ${queue} ORDER BY created_on, id`.execute(db);
  return rows;
}
