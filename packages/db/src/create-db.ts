import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { PreparingClient } from './preparing-client.js';

const DATE_OID = 1082;

/** Server option that makes prepared statements use one generic plan from their first run. */
export const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan';

export interface DbConfig {
  connectionString: string;
  /** Pool size; default 10. */
  max?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
  /** Called with pool-level errors (a dropped idle connection), which must not crash the process. */
  onPoolError?: (err: Error) => void;
  /**
   * Plan every prepared statement once, generically (`plan_cache_mode = force_generic_plan`). Only for
   * a pool whose statements gain nothing from seeing their parameters: PostgreSQL keeps re-planning a
   * statement over array parameters, but a generic plan cannot use a partial index that a parameter
   * would match, so the feed's pool must not have it.
   */
  genericPlans?: boolean;
}

export interface DbHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  /** Closes the pool. */
  destroy(): Promise<void>;
}

export function createDb(config: DbConfig): DbHandle {
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: config.max ?? 10,
    // Statements are prepared by name once per connection (see PreparingClient).
    Client: PreparingClient,
    ...(config.genericPlans && { options: GENERIC_PLANS }),
    application_name: config.applicationName,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Calendar dates (birthdates) stay YYYY-MM-DD strings instead of becoming local-midnight Dates.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format),
    },
  });
  pool.on('error', (err) => config.onPoolError?.(err));
  // pg gives a checked-out client no 'error' listener: a connection dropped mid-query would otherwise be
  // an uncaught exception that ends the process; the query itself still fails with the error.
  pool.on('connect', (client) => client.on('error', (err) => config.onPoolError?.(err)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, destroy: () => db.destroy() };
}
