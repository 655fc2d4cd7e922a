export * from './api-keys.js';
export * from './customers.js';
export * from './document.js';
export * from './envelopes.js';
export * from './notifications.js';
export { DOCS_SCRIPT_PATH } from './paths/service.js';
export * from './update-account.js';
export * from './webhook-callbacks.js';
export * from './webhooks.js';
