import pino, { type Logger } from 'pino';

/** Secrets and signatures never reach a log line, wherever they appear in the logged object. */
const REDACTED_PATHS = [
  'secret',
  '*.secret',
  'signature',
  '*.signature',
  'headers',
  '*.headers',
  'body',
  '*.body',
  'DATABASE_URL',
  '*.DATABASE_URL',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: 'webhook-dispatcher',
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
