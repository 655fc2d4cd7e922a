import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

const DATE_OID = 1082;

export interface DbConfig {
  connectionString: string;
  /** Pool size; default 10. */
  max?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
  /** Called with pool-level errors (a dropped idle connection), which must not crash the process. */
  onPoolError?: (err: Error) => void;
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
