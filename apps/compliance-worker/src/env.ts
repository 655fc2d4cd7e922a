import { type EnvSource, envInteger as int, parseEnv } from '@wallet/config';
import { resolveIssuerConfig } from '@wallet/instruments';
import { z } from 'zod';

/** Every environment variable the compliance worker reads; parsed once at start-up. */
export const workerEnvSchema = z.object({
  DATABASE_URL: z.url({ message: 'must be a postgres:// URL' }),
  /** Per connection of every pool (see DbTimeouts in @wallet/db). */
  DATABASE_STATEMENT_TIMEOUT_MS: int(1, 3_600_000).default(30_000),
  DATABASE_LOCK_TIMEOUT_MS: int(1, 3_600_000).default(10_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: int(1, 3_600_000).default(60_000),
  DATABASE_CONNECT_TIMEOUT_MS: int(1, 3_600_000).default(5_000),
  /** Cooling-off period of PASSWORD_CHANGED, counted from the change's changeTime. */
  PASSWORD_CHANGE_RESTRICTION_SECONDS: int(1, 10 * 365 * 86_400).default(86_400),
  /** Change notifications processed at once by this process (each holds one connection). */
  WORKER_CONCURRENCY: int(1, 256).default(64),
  /** Cap on draining in-flight jobs at SIGTERM. */
  SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Port of /metrics, /healthz and /readyz; 0 (default) picks a free one (logged, and told to the stack). */
  METRICS_PORT: int(0, 65_535).default(0),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** How often this process fails the jobs of dead workers (stale heartbeats) so they are retried. */
  SUPERVISE_INTERVAL_SECONDS: int(1, 3600).default(5),
  /** `production` with no INSTRUMENT_ISSUERS: instrument requests are REJECTED "Issuer not configured". */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** JSON: the issuer of each virtual instrument type (see packages/instruments/README.md). */
  INSTRUMENT_ISSUERS: z.string().optional(),
});
export type WorkerEnv = z.infer<typeof workerEnvSchema>;

/** Parses the environment (the process's by default) or throws one message that names every bad variable. */
export function parseWorkerEnv(env: EnvSource = process.env): WorkerEnv {
  const parsed = parseEnv(workerEnvSchema, env);
  // Validated here so that a bad issuer configuration stops the worker at start, naming the field.
  resolveIssuerConfig(parsed.INSTRUMENT_ISSUERS, parsed.NODE_ENV);
  return parsed;
}

/** The pools' limits from the environment (see DbTimeouts in @wallet/db). */
export function dbTimeouts(env: WorkerEnv) {
  return {
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    connectionTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
  };
}
