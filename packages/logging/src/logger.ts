import pino, { type Logger } from 'pino';

/**
 * Paths that may hold secrets, censored wherever they appear in a logged object, in every process:
 * credentials, API keys, tokens, webhook secrets and signatures, and the subscriber's raw traffic.
 */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'apiKey',
  '*.apiKey',
  'adminToken',
  '*.adminToken',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'signature',
  '*.signature',
  // Webhook secrets at rest: their keys, and a delivery's secrets (sealed or opened) if ever logged.
  'WEBHOOK_SECRET_KEYS',
  '*.WEBHOOK_SECRET_KEYS',
  'secretKeyring',
  '*.secretKeyring',
  'secrets',
  '*.secrets',
  'DATABASE_URL',
  '*.DATABASE_URL',
  'connectionString',
  '*.connectionString',
];

export interface LoggerOptions {
  name: string;
  level: string;
  /** Further paths for one process (the dispatcher hides subscribers' headers and bodies). */
  redact?: string[];
}

export function createLogger(options: LoggerOptions, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: options.name,
      level: options.level,
      redact: { paths: [...REDACTED_PATHS, ...(options.redact ?? [])], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
