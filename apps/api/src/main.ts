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

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await api.close();
    logger.info('stopped');
    process.exit(0);
  });
}
