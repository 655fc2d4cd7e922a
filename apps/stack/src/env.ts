import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, three levels above dist/main.js. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const stackEnvSchema = z.object({
  DATABASE_URL: z.url({ message: 'must be a postgres:// URL' }).optional(),
  EMBEDDED_PG_DIR: z.string().default(`${REPO_ROOT}.data/postgres`),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  ADMIN_TOKEN: z.string().min(24).optional(),
  STACK_APPS: z.string().default('api,compliance-worker,webhook-dispatcher'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
});
export type StackEnv = z.infer<typeof stackEnvSchema>;

export function parseStackEnv(env: NodeJS.ProcessEnv): StackEnv {
  const result = stackEnvSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
}
