export * from './customers.js';
export * from './field-errors.js';
export * from './primitives.js';
