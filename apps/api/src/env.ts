import { envBoolean as bool, type EnvSource, parseEnv, sharedWebhookEnv } from '@wallet/config';
import { resolveIssuerConfig } from '@wallet/instruments';
import { resolveSecretKeyring } from '@wallet/webhooks';
import { z } from 'zod';

const ms = z.coerce.number().int().min(1).max(3_600_000);

/** Every environment variable the API reads; parsed once at start-up. */
export const apiEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url({ message: 'must be a postgres:// URL' }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Per connection of every pool (see DbTimeouts in @wallet/db). */
  DATABASE_STATEMENT_TIMEOUT_MS: ms.default(30_000),
  DATABASE_LOCK_TIMEOUT_MS: ms.default(10_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: ms.default(60_000),
  DATABASE_CONNECT_TIMEOUT_MS: ms.default(5_000),
  /** Change notifications waiting for the intake's statement; past it a request is 503 (back-pressure). */
  INTAKE_MAX_WAITING: z.coerce.number().int().min(1).max(1_000_000).default(2_000),
  ADMIN_TOKEN: z.string().min(24, { message: 'must be at least 24 characters' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** How long a process trusts a resolved API key without asking again (revocation arrives sooner, by NOTIFY). */
  API_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
  /** Failed authentications per minute per client address, and per key prefix; 0 turns it off. */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).default(20),
  /** `/admin` requests per minute per client address; 0 turns it off. */
  ADMIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  RUN_MIGRATIONS: bool.default(true),
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS, WEBHOOK_TIMEOUT_MS (a test send's deadline), WEBHOOK_RETRY_DELAYS. */
  ...sharedWebhookEnv,
  /** Webhook subscriptions a tenant may hold; one more create is 409. */
  WEBHOOK_MAX_SUBSCRIPTIONS_PER_TENANT: z.coerce.number().int().min(1).max(100_000).default(100),
  /** After a rotation, how long deliveries stay signed with the previous secret too; 0 drops it at once. */
  WEBHOOK_SECRET_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(86_400),
  /** Folder with OFAC-format `sdn.csv` (+ `alt.csv`); unset: the screening package's sample list. */
  SCREENING_LIST_PATH: z.string().min(1).optional(),
  /** Folder with a PEP list in the same format; optional. */
  SCREENING_PEP_LIST_PATH: z.string().min(1).optional(),
  /** JSON: the issuer of each virtual instrument type (packages/instruments/README.md); the API reads callback secrets. */
  INSTRUMENT_ISSUERS: z.string().optional(),
  /** Most entries one tenant's black list may hold; past it POST /v2/black-list-entries is 409. */
  BLACK_LIST_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Black-list entries kept indexed in memory, all tenants together; least recently used go first. */
  BLACK_LIST_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(200_000),
});
export type ApiEnv = z.infer<typeof apiEnvSchema>;

/** Parses the environment (the process's by default) or throws one message that names every bad variable. */
export function parseApiEnv(env: EnvSource = process.env): ApiEnv {
  const parsed = parseEnv(apiEnvSchema, env);
  if (parsed.NODE_ENV === 'production' && !parsed.ADMIN_TOKEN) {
    throw new Error('Invalid configuration: ADMIN_TOKEN is required when NODE_ENV=production');
  }
  try {
    resolveIssuerConfig(parsed.INSTRUMENT_ISSUERS, parsed.NODE_ENV);
  } catch (err) {
    throw new Error(`Invalid configuration:\n  ${(err as Error).message}`);
  }
  try {
    secretKeyring(parsed);
  } catch (err) {
    throw new Error(`Invalid configuration:\n  WEBHOOK_SECRET_KEYS: ${(err as Error).message}`);
  }
  return parsed;
}

/** The pools' limits from the environment (see DbTimeouts in @wallet/db). */
export function dbTimeouts(env: ApiEnv) {
  return {
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    connectionTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
  };
}

/** The keys of webhook secrets at rest (the development key outside production when unset). */
export function secretKeyring(env: ApiEnv) {
  return resolveSecretKeyring(
    env.WEBHOOK_SECRET_KEYS,
    env.WEBHOOK_SECRET_CURRENT_KEY_ID,
    env.NODE_ENV === 'production',
  );
}
