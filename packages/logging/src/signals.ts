import type { Logger } from 'pino';

/**
 * On the first SIGTERM or SIGINT: log it, run `stop` (which drains within its own cap), exit 0.
 * An app started by the launcher also stops when the launcher's IPC channel closes, which happens
 * however the launcher ends (SIGKILL included): no app outlives the stack that started it.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutDown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal: reason }, 'shutting down');
    await stop();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutDown(signal));
  if (process.channel) {
    // The channel must not keep an app alive by itself: the app's servers and pools do that.
    process.channel.unref();
    process.once('disconnect', () => void shutDown('launcher gone'));
    // `connected` is false already when the launcher died before this line ran.
    if (!process.connected) void shutDown('launcher gone');
  }
}
