import type { Logger } from 'pino';

/** On the first SIGTERM or SIGINT: log it, run `stop` (which drains within its own cap), exit 0. */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      await stop();
      process.exit(0);
    });
  }
}
