export * from './create-metrics.js';
export * from './jobs.js';
export * from './serve.js';
