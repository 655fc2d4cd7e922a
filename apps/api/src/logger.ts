import { createLogger as createPlatformLogger } from '@wallet/logging';
import type pino from 'pino';
import type { Logger } from 'pino';

/** The API's logger: the platform's redaction list (keys, tokens, secrets, credentials). */
export function createLogger(
  options: { level: string; name: string },
  destination?: pino.DestinationStream,
): Logger {
  return createPlatformLogger(options, destination);
}
