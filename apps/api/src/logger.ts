import pino, { type Logger } from 'pino';

/** Paths that may hold secrets are censored wherever they appear in a log object. */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'adminToken',
  '*.adminToken',
  'token',
  '*.token',
];

export function createLogger(
  options: { level: string; name: string },
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      name: options.name,
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
