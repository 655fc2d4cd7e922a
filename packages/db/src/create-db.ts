import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { PreparingClient } from './preparing-client.js';

const DATE_OID = 1082;

/** Server option that makes prepared statements use one generic plan from their first run. */
export const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan';

/**
 * Limits every connection of a pool carries, so that nothing waits without bound: a statement
 * (`statement_timeout`), a lock (`lock_timeout`), a transaction left open by a stuck caller
 * (`idle_in_transaction_session_timeout`), and a caller waiting for a free connection of the pool.
 */
export interface DbTimeouts {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  /** How long a caller waits for a pool connection (or a new connection to open) before it fails. */
  connectionTimeoutMs: number;
}

/** The defaults the apps' env tables document. */
export const DEFAULT_DB_TIMEOUTS: DbTimeouts = {
  statementTimeoutMs: 30_000,
  lockTimeoutMs: 10_000,
  idleInTransactionTimeoutMs: 60_000,
  connectionTimeoutMs: 5_000,
};

/** No limits (0 turns each off): for migrations, which may rightly run longer than any request. */
export const UNLIMITED_DB_TIMEOUTS: DbTimeouts = {
  statementTimeoutMs: 0,
  lockTimeoutMs: 0,
  idleInTransactionTimeoutMs: 0,
  connectionTimeoutMs: 0,
};

/** The same limits as pg.Pool options (pg-boss passes these to its own pool as well). */
export function poolTimeoutOptions(timeouts: DbTimeouts = DEFAULT_DB_TIMEOUTS) {
  return {
    statement_timeout: timeouts.statementTimeoutMs,
    lock_timeout: timeouts.lockTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
    connectionTimeoutMillis: timeouts.connectionTimeoutMs,
  };
}

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
  /** Statement, lock, idle-in-transaction and connection-wait limits; default DEFAULT_DB_TIMEOUTS. */
  timeouts?: DbTimeouts;
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
    ...poolTimeoutOptions(config.timeouts),
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
