export * from './account.js';
export * from './account-status.js';
export * from './change-notification.js';
export * from './customer.js';
export * from './event-types.js';
export * from './notification.js';
export * from './restriction.js';
export * from './tenant.js';
