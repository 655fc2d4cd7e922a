import { exitForConfiguration, isAddressInUse, stopOnSignals, tellSupervisor } from '@wallet/logging';
import { SecretKeysMismatchError } from '@wallet/webhooks';
import { type RunningDispatcher, startDispatcher } from './dispatcher.js';
import { type DispatcherEnv, parseDispatcherEnv } from './env.js';
import { createLogger } from './logger.js';
import { RetentionScheduleError } from './retention-job.js';

let env: DispatcherEnv;
try {
  env = parseDispatcherEnv();
} catch (err) {
  await exitForConfiguration((err as Error).message);
  throw err;
}
const logger = createLogger(env.LOG_LEVEL);
let dispatcher: RunningDispatcher;
try {
  dispatcher = await startDispatcher(env, logger);
} catch (err) {
  if (err instanceof RetentionScheduleError) await exitForConfiguration(err.message);
  if (err instanceof SecretKeysMismatchError) await exitForConfiguration(err.message);
  if (isAddressInUse(err))
    await exitForConfiguration(
      `METRICS_PORT ${env.METRICS_PORT} on ${env.METRICS_HOST} is in use by another process: stop it, or set METRICS_PORT (0 picks a free port)`,
    );
  throw err;
}
await tellSupervisor({ type: 'listening', url: dispatcher.metricsOrigin });

stopOnSignals(logger, () => dispatcher.stop());
