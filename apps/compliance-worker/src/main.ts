import { stopOnSignals } from '@wallet/logging';
import { parseWorkerEnv, type WorkerEnv } from './env.js';
import { createLogger } from './logger.js';
import { startComplianceWorker } from './worker.js';

let env: WorkerEnv;
try {
  env = parseWorkerEnv(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const logger = createLogger(env.LOG_LEVEL);
const worker = await startComplianceWorker(env, logger);

stopOnSignals(logger, () => worker.stop());
