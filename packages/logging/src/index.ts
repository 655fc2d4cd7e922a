export { createLogger, type LoggerOptions, REDACTED_PATHS } from './logger.js';
export { stopOnSignals } from './signals.js';
