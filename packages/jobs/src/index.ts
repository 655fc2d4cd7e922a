export { fromKysely, PgBoss } from 'pg-boss';
export type { Job, SendOptions } from 'pg-boss';
export * from './boss.js';
export * from './queues.js';
