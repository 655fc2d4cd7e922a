import { type EnvSource, envInteger as int, parseEnv, sharedWebhookEnv } from '@wallet/config';
import { parseRetryDelays, resolveSecretKeyring, type SecretKeyring } from '@wallet/webhooks';
import { z } from 'zod';

function keyring(
  env: { NODE_ENV: string; WEBHOOK_SECRET_KEYS?: string; WEBHOOK_SECRET_CURRENT_KEY_ID?: string },
  ctx: z.RefinementCtx,
): SecretKeyring {
  try {
    return resolveSecretKeyring(
      env.WEBHOOK_SECRET_KEYS,
      env.WEBHOOK_SECRET_CURRENT_KEY_ID,
      env.NODE_ENV === 'production',
    );
  } catch (err) {
    ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET_KEYS'], message: (err as Error).message });
    return z.NEVER;
  }
}

/** Every environment variable the dispatcher reads; parsed once at start-up. */
export const dispatcherEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z.url({ message: 'must be a postgres:// URL' }),
    DATABASE_POOL_SIZE: int(2, 200).default(10),
    /** Per connection of every pool (see DbTimeouts in @wallet/db). */
    DATABASE_STATEMENT_TIMEOUT_MS: int(1, 3_600_000).default(30_000),
    DATABASE_LOCK_TIMEOUT_MS: int(1, 3_600_000).default(10_000),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: int(1, 3_600_000).default(60_000),
    DATABASE_CONNECT_TIMEOUT_MS: int(1, 3_600_000).default(5_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(10_000),
    /** WEBHOOK_ALLOW_PRIVATE_NETWORKS, WEBHOOK_TIMEOUT_MS, WEBHOOK_RETRY_DELAYS, WEBHOOK_SECRET_KEYS and
     * WEBHOOK_SECRET_CURRENT_KEY_ID: the API reads them too. */
    ...sharedWebhookEnv,
    WEBHOOK_RETRY_JITTER: z.coerce.number().min(0).max(1).default(0.1),
    WEBHOOK_RETRY_AFTER_MAX_SECONDS: int(0, 7 * 24 * 3600).default(86_400),
    WEBHOOK_CONCURRENCY: int(1, 10_000).default(256),
    /** Deliveries in flight to one host:port per replica. */
    WEBHOOK_MAX_IN_FLIGHT_PER_DESTINATION: int(1, 10_000).default(16),
    /** Deliveries in flight for one tenant per replica; default a quarter of WEBHOOK_CONCURRENCY (at least 16). */
    WEBHOOK_MAX_IN_FLIGHT_PER_TENANT: int(1, 10_000).optional(),
    WEBHOOK_LEASE_SECONDS: int(1, 3600).optional(),
    WEBHOOK_POLL_INTERVAL_MS: int(20, 60_000).default(500),
    WEBHOOK_SUPERVISE_INTERVAL_SECONDS: int(1, 3600).default(10),
    /** Delivered deliveries (with their attempts) and old events are deleted after this many days; 0 keeps everything. */
    WEBHOOK_RETENTION_DAYS: int(0, 36_500).default(30),
    /** When the retention job runs (pg-boss cron, UTC): by default at minute 17 of every hour. */
    WEBHOOK_RETENTION_CRON: z
      .string()
      .regex(/^\S+( \S+){4}$/, 'must be a cron expression of 5 fields (minute hour day month weekday)')
      .default('17 * * * *'),
    /** Rows per delete statement of the retention job. */
    WEBHOOK_RETENTION_BATCH_SIZE: int(1, 10_000).default(1000),
    /** Failed attempts in a row of one subscription that record WebhookSubscription.FAILING, once per streak. */
    WEBHOOK_FAILING_THRESHOLD: int(1, 1000).default(3),
    /** Port of /metrics, /healthz and /readyz; 0 (default) picks a free one (logged, and told to the stack). */
    METRICS_PORT: int(0, 65_535).default(0),
    METRICS_HOST: z.string().default('127.0.0.1'),
  })
  .transform((env, ctx) => ({
    ...env,
    secretKeyring: keyring(env, ctx),
    retryDelays: parseRetryDelays(env.WEBHOOK_RETRY_DELAYS),
    maxInFlightPerTenant:
      env.WEBHOOK_MAX_IN_FLIGHT_PER_TENANT ?? Math.max(16, Math.ceil(env.WEBHOOK_CONCURRENCY / 4)),
    // An attempt, its settlement and some slack must fit in the lease, or it would be retried while running.
    leaseSeconds: env.WEBHOOK_LEASE_SECONDS ?? Math.ceil(env.WEBHOOK_TIMEOUT_MS / 1000) + 30,
  }))
  .refine((env) => env.leaseSeconds * 1000 > env.WEBHOOK_TIMEOUT_MS, {
    message: 'WEBHOOK_LEASE_SECONDS must be longer than WEBHOOK_TIMEOUT_MS',
    path: ['WEBHOOK_LEASE_SECONDS'],
  });
export type DispatcherEnv = z.infer<typeof dispatcherEnvSchema>;

/** Parses the environment (the process's by default) or throws one message that names every bad variable. */
export function parseDispatcherEnv(env: EnvSource = process.env): DispatcherEnv {
  return parseEnv(dispatcherEnvSchema, env);
}

/** The pools' limits from the environment (see DbTimeouts in @wallet/db). */
export function dbTimeouts(env: DispatcherEnv) {
  return {
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    connectionTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
  };
}
