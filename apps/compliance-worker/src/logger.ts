import { createLogger as createPlatformLogger } from '@wallet/logging';
import type pino from 'pino';
import type { Logger } from 'pino';

/** The worker's logger: the platform's redaction list. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return createPlatformLogger({ name: 'compliance-worker', level }, destination);
}
