export * from './address-guard.js';
export * from './event.js';
export * from './http-post.js';
export * from './retry-schedule.js';
export * from './secret.js';
export * from './signature.js';
export * from './test-event.js';
export * from './verify.js';
