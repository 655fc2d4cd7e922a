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

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await worker.stop();
    process.exit(0);
  });
}
