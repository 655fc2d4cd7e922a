import { stopOnSignals } from '@wallet/logging';
import { parseApiEnv } from './env.js';
import { createLogger } from './logger.js';
import { startApi } from './server.js';

let env: ReturnType<typeof parseApiEnv>;
try {
  env = parseApiEnv(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const logger = createLogger({ level: env.LOG_LEVEL, name: 'api' });
const api = await startApi(env, logger);

stopOnSignals(logger, async () => {
  await api.close();
  logger.info('stopped');
});
