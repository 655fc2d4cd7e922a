import { exitForConfiguration, isAddressInUse, stopOnSignals, tellSupervisor } from '@wallet/logging';
import { parseWorkerEnv, type WorkerEnv } from './env.js';
import { createLogger } from './logger.js';
import { type RunningComplianceWorker, startComplianceWorker } from './worker.js';

let env: WorkerEnv;
try {
  env = parseWorkerEnv();
} catch (err) {
  await exitForConfiguration((err as Error).message);
  throw err;
}
const logger = createLogger(env.LOG_LEVEL);
let worker: RunningComplianceWorker;
try {
  worker = await startComplianceWorker(env, logger);
} catch (err) {
  if (isAddressInUse(err))
    await exitForConfiguration(
      `METRICS_PORT ${env.METRICS_PORT} on ${env.METRICS_HOST} is in use by another process: stop it, or set METRICS_PORT (0 picks a free port)`,
    );
  throw err;
}
await tellSupervisor({ type: 'listening', url: worker.metricsOrigin });

stopOnSignals(logger, () => worker.stop());
