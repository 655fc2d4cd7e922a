export type { Job, SendOptions } from 'pg-boss';
export { fromKysely, PgBoss } from 'pg-boss';
export * from './boss.js';
export * from './job-data.js';
export * from './permanent-job-error.js';
export * from './queues.js';
export * from './send-job.js';
export * from './send-with-insert.js';
