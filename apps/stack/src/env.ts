import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EnvSource, parseEnv } from '@wallet/config';
import { z } from 'zod';

/** The repository root, three levels above dist/main.js. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const port = z.coerce.number().int().min(0).max(65535);
const ms = z.coerce.number().int().min(0);

export const stackEnvSchema = z
  .object({
    DATABASE_URL: z.url({ message: 'must be a postgres:// URL' }).optional(),
    /** The stack's folder: its instance lock, the admin token, the embedded cluster. One stack per folder. */
    STACK_DATA_DIR: z.string().min(1).default(`${REPO_ROOT}.data`),
    EMBEDDED_PG_DIR: z.string().min(1).optional(),
    EMBEDDED_PG_PORT: port.min(1).optional(),
    ADMIN_TOKEN: z.string().min(24).optional(),
    /** Keys of webhook secrets at rest, passed to the API and the dispatcher; unset: generated in the data folder. */
    WEBHOOK_SECRET_KEYS: z.string().min(1).optional(),
    STACK_APPS: z.string().default('api,compliance-worker,webhook-dispatcher'),
    SHUTDOWN_TIMEOUT_MS: ms.default(15_000),
    /** Metrics and health port of each worker; 0 (default) picks a free one. One variable per app. */
    COMPLIANCE_WORKER_METRICS_PORT: port.default(0),
    WEBHOOK_DISPATCHER_METRICS_PORT: port.default(0),
    /** First restart delay of a crashed app; doubled at each crash in a row, up to the cap. */
    STACK_RESTART_DELAY_MS: ms.default(1_000),
    STACK_RESTART_MAX_DELAY_MS: ms.default(30_000),
    /** Crashes in a row (each within STACK_STABLE_MS of its start) after which the stack gives up. */
    STACK_MAX_RESTARTS: z.coerce.number().int().min(0).default(5),
    /** An app that ran this long before it crashed starts a new series of restarts. */
    STACK_STABLE_MS: ms.default(60_000),
    /** Not passed on: it would give both workers one port. Read only to say so. */
    METRICS_PORT: z.string().optional(),
  })
  .transform((env) => ({
    ...env,
    EMBEDDED_PG_DIR: env.EMBEDDED_PG_DIR ?? join(env.STACK_DATA_DIR, 'postgres'),
  }));
export type StackEnv = z.infer<typeof stackEnvSchema>;

/** The environment the apps inherit: the stack's own, without METRICS_PORT (see above). */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
  const { METRICS_PORT: _ignored, ...rest } = process.env;
  return rest;
}

/** Parses the environment (the process's by default) or throws one message that names every bad variable. */
export function parseStackEnv(env: EnvSource = process.env): StackEnv {
  return parseEnv(stackEnvSchema, env);
}

/** What the stack hands database-process.js (see embedded-database.ts). */
const databaseProcessEnvSchema = z.object({
  EMBEDDED_PG_DIR: z.string().min(1),
  EMBEDDED_PG_PORT: z.union([z.literal('').transform(() => undefined), port.min(1)]).optional(),
});

/** The embedded database process's configuration, as the stack set it. */
export function parseDatabaseProcessEnv(env: EnvSource = process.env) {
  return parseEnv(databaseProcessEnvSchema, env);
}
