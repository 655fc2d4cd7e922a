import type { Database } from '@wallet/db';
import type { PgBoss } from '@wallet/jobs';
import type { Transaction } from 'kysely';

/** What a write operation needs: the open transaction, and pg-boss to enqueue within it. */
export interface WriteContext {
  trx: Transaction<Database>;
  boss: PgBoss;
  /** Carried into the jobs a request causes, for log correlation. */
  requestId?: string;
}
