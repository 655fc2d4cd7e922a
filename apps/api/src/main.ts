import { exitForConfiguration, isAddressInUse, stopOnSignals, tellSupervisor } from '@wallet/logging';
import { SecretKeysMismatchError } from '@wallet/webhooks';
import { parseApiEnv } from './env.js';
import { createLogger } from './logger.js';
import { startApi } from './server.js';

let env: ReturnType<typeof parseApiEnv>;
try {
  env = parseApiEnv();
} catch (err) {
  await exitForConfiguration((err as Error).message);
  throw err;
}
const logger = createLogger({ level: env.LOG_LEVEL, name: 'api' });
let api: Awaited<ReturnType<typeof startApi>>;
try {
  api = await startApi(env, logger);
} catch (err) {
  if (err instanceof SecretKeysMismatchError) await exitForConfiguration(err.message);
  // A taken port does not free itself: restarting would only fail again.
  if (isAddressInUse(err))
    await exitForConfiguration(
      `PORT ${env.PORT} on ${env.HOST} is in use by another process: stop it or set PORT`,
    );
  throw err;
}
await tellSupervisor({ type: 'listening', url: api.url });

stopOnSignals(logger, async () => {
  await api.close();
  logger.info('stopped');
});
