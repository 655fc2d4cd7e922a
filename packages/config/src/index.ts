export * from './parse-env.js';
export * from './primitives.js';
export * from './webhook-env.js';
