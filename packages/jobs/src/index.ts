export type { Job, SendOptions } from 'pg-boss';
export { fromKysely, PgBoss } from 'pg-boss';
export * from './boss.js';
export * from './queues.js';
export * from './send-with-insert.js';
