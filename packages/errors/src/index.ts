export * from './api-error.js';
export * from './family.js';
export * from './render-accounts.js';
export * from './render-v1.js';
export * from './render-v2.js';
