import { stopOnSignals } from '@wallet/logging';
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

stopOnSignals(logger, () => dispatcher.stop());
