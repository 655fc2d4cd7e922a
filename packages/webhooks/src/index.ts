export * from './address-guard.js';
export * from './event.js';
export * from './retry-schedule.js';
export * from './secret.js';
export * from './signature.js';
export * from './verify.js';
