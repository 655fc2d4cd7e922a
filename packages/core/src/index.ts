export * from './account-status-sync.js';
export * from './account-update-payload.js';
export * from './context.js';
export * from './customers.js';
export * from './restrictions.js';
export * from './screening-outcome.js';
