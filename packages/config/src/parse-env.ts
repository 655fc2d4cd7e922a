import type { z } from 'zod';

/** What parseEnv reads: `process.env`, or a test's own record. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** The configuration is invalid; `message` names each bad variable and its problem, never its value. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Parses the environment with an app's schema, once at start-up. Throws ConfigurationError, whose
 * lines read `VARIABLE: problem`, one per bad variable. The variable's value never appears: it may be
 * a secret (a token, a database password), and the message goes to logs. Zod's messages describe the
 * expectation rather than the input, and any that quoted a value would have it masked here.
 */
export function parseEnv<S extends z.ZodType>(schema: S, source: EnvSource): z.output<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  throw new ConfigurationError(
    result.error.issues.map((issue) => {
      const name = issue.path.length > 0 ? issue.path.join('.') : '(environment)';
      return `${name}: ${masked(issue.message, source, String(issue.path[0] ?? ''))}`;
    }),
  );
}

/** Variables whose values are secrets wherever they would be quoted (a database URL holds a password). */
const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|URL/i;

/**
 * The message with the values that could leak replaced by `***`: the offending variable's own value,
 * and every secret-named variable's. Other values stay, so that `NODE_ENV=production` reads as itself.
 */
function masked(message: string, source: EnvSource, variable: string): string {
  let text = message;
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value.length < 4) continue;
    if ((name === variable || SECRET_NAME.test(name)) && text.includes(value))
      text = text.replaceAll(value, '***');
  }
  return text;
}
