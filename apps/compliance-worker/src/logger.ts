import pino, { type Logger } from 'pino';

/** The connection string may carry a password; it never reaches a log line. */
const REDACTED_PATHS = ['DATABASE_URL', '*.DATABASE_URL', 'connectionString', '*.connectionString'];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: 'compliance-worker',
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
