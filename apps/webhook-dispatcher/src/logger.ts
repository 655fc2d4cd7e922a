import { createLogger as createPlatformLogger } from '@wallet/logging';
import type pino from 'pino';
import type { Logger } from 'pino';

/** The platform's redaction list, plus the subscriber's raw traffic (headers and bodies). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return createPlatformLogger(
    { name: 'webhook-dispatcher', level, redact: ['headers', '*.headers', 'body', '*.body'] },
    destination,
  );
}
