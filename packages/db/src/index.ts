export * from './create-db.js';
export type * from './database.js';
export { migrateToLatest } from './migrate.js';
export { migrations } from './migrations/index.js';
export type * from './tables/account-events.js';
export type * from './tables/accounts.js';
export type * from './tables/customers.js';
export type * from './tables/restrictions.js';
export type * from './tables/tenants.js';
