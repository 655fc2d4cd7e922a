export * from './databases.js';
export * from './test-database.js';
