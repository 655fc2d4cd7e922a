import { startDispatcher } from './dispatcher.js';
import { type DispatcherEnv, parseDispatcherEnv } from './env.js';
import { createLogger } from './logger.js';

let env: DispatcherEnv;
try {
  env = parseDispatcherEnv(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const logger = createLogger(env.LOG_LEVEL);
const dispatcher = await startDispatcher(env, logger);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await dispatcher.stop();
    process.exit(0);
  });
}
