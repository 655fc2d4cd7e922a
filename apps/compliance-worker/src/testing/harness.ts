import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { acceptChangeNotification, type IntakeResult, lockCustomer, requestInstrument } from '@wallet/core';
import { createDb, type DbHandle } from '@wallet/db';
import type { VirtualInstrumentType } from '@wallet/domain';
import { createBoss, type PgBoss } from '@wallet/jobs';
import { createTestDatabase, type TestDatabase } from '@wallet/testkit';
import { workerEnvSchema } from '../env.js';
import { createLogger } from '../logger.js';
import { type RunningComplianceWorker, startComplianceWorker } from '../worker.js';

export interface InProcessWorker extends RunningComplianceWorker {
  /** Every JSON log line the worker wrote. */
  logLines: string[];
}

/** A database of its own with a tenant, a producer-side pg-boss, and helpers to create customers. */
export interface WorkerTestBed {
  database: TestDatabase;
  handle: DbHandle;
  boss: PgBoss;
  tenantId: string;
  createCustomer(currencies?: string[]): Promise<string>;
  /** Stores a notification and enqueues its job, exactly as the API route does. */
  notify(customerId: string, changeTime: Date | string, requestId?: string): Promise<IntakeResult>;
  startWorker(overrides?: Record<string, string>): Promise<InProcessWorker>;
  close(): Promise<void>;
}

let counter = 0;

export async function createWorkerTestBed(): Promise<WorkerTestBed> {
  const database = await createTestDatabase();
  const handle = createDb({ connectionString: database.connectionString, max: 4 });
  const boss = createBoss({ connectionString: database.connectionString, max: 2 });
  boss.on('error', () => {});
  await boss.start();
  const tenant = await handle.db
    .insertInto('tenants')
    .values({
      name: `worker-test-${process.pid}-${++counter}`,
      api_key_hash: randomBytes(32).toString('hex'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const workers: RunningComplianceWorker[] = [];

  return {
    database,
    handle,
    boss,
    tenantId: tenant.id,
    async createCustomer(currencies = ['USD']) {
      const customer = await handle.db
        .insertInto('customers')
        .values({
          tenant_id: tenant.id,
          external_id: `ext-${++counter}`,
          type: 'PERSON',
          email: 'someone@example.com',
          registration_ip: '198.51.100.7',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (currencies.length > 0) {
        await handle.db
          .insertInto('accounts')
          .values(
            currencies.map((currency) => ({
              tenant_id: tenant.id,
              customer_id: customer.id,
              currency_code: currency,
              status: 'ACTIVE',
              virtual_account_assignment: false,
            })),
          )
          .execute();
      }
      return customer.id;
    },
    notify(customerId, changeTime, requestId) {
      return acceptChangeNotification(
        { pool: handle.pool, boss },
        {
          requestId,
          tenantId: tenant.id,
          customerId,
          changeType: 'PASSWORD_CHANGED',
          changeTime: typeof changeTime === 'string' ? changeTime : changeTime.toISOString(),
        },
      );
    },
    async startWorker(overrides = {}) {
      const logLines: string[] = [];
      const sink = new Writable({
        write(chunk, _enc, done) {
          logLines.push(String(chunk));
          done();
        },
      });
      const env = workerEnvSchema.parse({
        DATABASE_URL: database.connectionString,
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: '5000',
        ...overrides,
      });
      const worker = await startComplianceWorker(env, createLogger(env.LOG_LEVEL, sink));
      workers.push(worker);
      return { ...worker, logLines };
    },
    async close() {
      for (const worker of workers) await worker.stop();
      await boss.stop({ graceful: false, close: true });
      await handle.destroy();
      await database.drop();
    },
  };
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Asks for an instrument exactly as the API does: the PENDING request and its job in one transaction. */
export async function askForInstrument(
  bed: WorkerTestBed,
  customerId: string,
  instrumentType: VirtualInstrumentType | undefined,
  currency?: string,
): Promise<string> {
  return bed.handle.db.transaction().execute(async (trx) => {
    await lockCustomer({ trx }, bed.tenantId, customerId);
    let accounts = trx.selectFrom('accounts').selectAll().where('customer_id', '=', customerId);
    if (currency) accounts = accounts.where('currency_code', '=', currency);
    const account = await accounts.orderBy('id').executeTakeFirstOrThrow();
    const row = await requestInstrument({ trx, boss: bed.boss }, account, instrumentType, 'partner');
    return row.id;
  });
}
