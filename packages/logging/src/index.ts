export { createLogger, type LoggerOptions, REDACTED_PATHS } from './logger.js';
export { stopOnSignals } from './signals.js';
export {
  CONFIG_EXIT_CODE,
  exitForConfiguration,
  isAddressInUse,
  type SupervisorMessage,
  tellSupervisor,
} from './supervised.js';
