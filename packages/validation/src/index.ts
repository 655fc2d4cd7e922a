export * from './account-update.js';
export * from './black-list.js';
export * from './change-notifications.js';
export * from './customers.js';
export * from './field-errors.js';
export * from './notifications.js';
export * from './primitives.js';
export * from './webhook-subscriptions.js';
