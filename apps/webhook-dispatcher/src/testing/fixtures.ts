import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { liftRestriction, lockCustomer, placeRestriction } from '@wallet/core';
import { createDb, type DbHandle } from '@wallet/db';
import { ACCOUNT_UPDATE } from '@wallet/domain';
import { createBoss, type PgBoss } from '@wallet/jobs';
import { createTestDatabase, type TestDatabase } from '@wallet/testkit';
import {
  DEVELOPMENT_SECRET_KEYS,
  generateSecret,
  parseSecretKeys,
  SecretBox,
  subscriptionSecretContext,
} from '@wallet/webhooks';
import type { Logger } from 'pino';
import { type DispatcherEnv, dispatcherEnvSchema } from '../env.js';
import { createLogger } from '../logger.js';

/** A test database with a pg-boss to enqueue with, and helpers that cause Account.UPDATE events. */
export interface World {
  database: TestDatabase;
  handle: DbHandle;
  boss: PgBoss;
  createTenant(): Promise<string>;
  /** A customer with one account per currency; returns the customer and account ids. */
  createCustomer(
    tenantId: string,
    currencies: string[],
  ): Promise<{ customerId: string; accountIds: string[] }>;
  subscribe(
    tenantId: string,
    url: string,
    options?: { maxAttempts?: number; eventTypes?: string[] },
  ): Promise<{ id: string; secret: string }>;
  /** Blocks the customer's accounts, or unblocks them if blocked: one event per account. */
  toggle(tenantId: string, customerId: string): Promise<string[]>;
  close(): Promise<void>;
}

let counter = 0;
const developmentBox = new SecretBox(parseSecretKeys(DEVELOPMENT_SECRET_KEYS));

export async function createWorld(): Promise<World> {
  const database = await createTestDatabase();
  const handle = createDb({ connectionString: database.connectionString, max: 4 });
  const boss = createBoss({ connectionString: database.connectionString, max: 2 });
  boss.on('error', () => {});
  await boss.start();
  const blocking = new Map<string, string>();
  const { db } = handle;
  return {
    database,
    handle,
    boss,
    async createTenant() {
      const row = await db
        .insertInto('tenants')
        .values({ name: `t-${process.pid}-${++counter}`, api_key_hash: randomBytes(16).toString('hex') })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async createCustomer(tenantId, currencies) {
      const customer = await db
        .insertInto('customers')
        .values({
          tenant_id: tenantId,
          external_id: `c-${++counter}`,
          type: 'PERSON',
          email: 'a@b.co',
          registration_ip: '198.51.100.7',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const accountIds: string[] = [];
      for (const currency of currencies) {
        const account = await db
          .insertInto('accounts')
          .values({
            tenant_id: tenantId,
            customer_id: customer.id,
            currency_code: currency,
            status: 'ACTIVE',
            virtual_account_assignment: false,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        accountIds.push(account.id);
      }
      return { customerId: customer.id, accountIds };
    },
    async subscribe(tenantId, url, options = {}) {
      const secret = generateSecret();
      // Encrypted as the API stores it, with the key testEnv's dispatcher gets (the development one).
      const id = randomUUID();
      const sealed = developmentBox.seal(secret, subscriptionSecretContext(id));
      const row = await db
        .insertInto('webhook_subscriptions')
        .values({
          id,
          tenant_id: tenantId,
          url,
          event_types: options.eventTypes ?? [ACCOUNT_UPDATE],
          secret_ciphertext: sealed.ciphertext,
          secret_key_id: sealed.keyId,
          max_attempts: options.maxAttempts ?? 3,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, secret };
    },
    async toggle(tenantId, customerId) {
      return db.transaction().execute(async (trx) => {
        await lockCustomer({ trx }, tenantId, customerId);
        const active = blocking.get(customerId);
        if (active) {
          blocking.delete(customerId);
          const lifted = await liftRestriction(
            { trx, boss },
            { customerId, restrictionId: active, liftedBy: 'TEST' },
          );
          return lifted?.events.map((e) => e.eventId) ?? [];
        }
        const placed = await placeRestriction(
          { trx, boss },
          {
            tenantId,
            customerId,
            name: 'ALL_TRANSACTIONS',
            reason: 'COMPLIANCE',
            requiredActions: [],
            source: 'PARTNER',
          },
        );
        blocking.set(customerId, placed.restriction.id);
        return placed.events.map((e) => e.eventId);
      });
    },
    async close() {
      await boss.stop({ graceful: false, close: true });
      await handle.destroy();
      await database.drop();
    },
  };
}

/** The dispatcher's env for tests: tiny delays and timeouts, loopback allowed unless overridden. */
export function testEnv(databaseUrl: string, overrides: Record<string, string> = {}): DispatcherEnv {
  return dispatcherEnvSchema.parse({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'debug',
    WEBHOOK_RETRY_DELAYS: '0.2,0.2',
    WEBHOOK_TIMEOUT_MS: '300',
    WEBHOOK_LEASE_SECONDS: '3',
    WEBHOOK_POLL_INTERVAL_MS: '100',
    WEBHOOK_SUPERVISE_INTERVAL_SECONDS: '1',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    SHUTDOWN_TIMEOUT_MS: '3000',
    ...overrides,
  });
}

/** A logger that keeps its lines, for assertions that secrets never appear. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', sink), lines };
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
