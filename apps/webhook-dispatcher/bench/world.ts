// Shared set-up of the dispatcher benchmarks: a database of their own, a tenant with accounts and
// the seed of the benchmark data.
import { randomBytes, randomUUID } from 'node:crypto';
import { liftRestriction, lockCustomer, placeRestriction } from '@wallet/core';
import { createDb, type DbHandle, migrateToLatest } from '@wallet/db';
import { ACCOUNT_UPDATE } from '@wallet/domain';
import { createBoss, ensureQueues, type PgBoss } from '@wallet/jobs';
import {
  DEVELOPMENT_SECRET_KEYS,
  generateSecret,
  parseSecretKeys,
  SecretBox,
  subscriptionSecretContext,
} from '@wallet/webhooks';

// Secrets stored as the API stores them (encrypted), with the key the dispatcher gets without one.
export const secretBox = new SecretBox(parseSecretKeys(DEVELOPMENT_SECRET_KEYS));

export const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export interface Fixture {
  handle: DbHandle;
  boss: PgBoss;
  tenantId: string;
  customers: string[];
  subscribe(url: string, count: number): Promise<void>;
  /** Blocks or unblocks a customer's account; returns [eventId, commit time ms] pairs. */
  toggle(customerId: string): Promise<[string, number][]>;
  /** The same for every customer. */
  toggleAll(): Promise<[string, number][]>;
  close(): Promise<void>;
}

export async function createFixture(url: string, customerCount: number): Promise<Fixture> {
  const handle = createDb({ connectionString: url, max: 4 });
  await migrateToLatest(handle.db);
  const boss = createBoss({ connectionString: url, max: 4 });
  boss.on('error', () => {});
  await boss.start();
  await ensureQueues(boss);
  const { db } = handle;
  const tenant = await db
    .insertInto('tenants')
    .values({ name: 'bench', api_key_hash: randomBytes(16).toString('hex') })
    .returning('id')
    .executeTakeFirstOrThrow();
  const customers: string[] = [];
  for (let i = 0; i < customerCount; i++) {
    const c = await db
      .insertInto('customers')
      .values({
        tenant_id: tenant.id,
        external_id: `b-${i}`,
        type: 'PERSON',
        email: 'a@b.co',
        registration_ip: '198.51.100.7',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('accounts')
      .values({
        tenant_id: tenant.id,
        customer_id: c.id,
        currency_code: 'USD',
        status: 'ACTIVE',
        virtual_account_assignment: false,
      })
      .execute();
    customers.push(c.id);
  }
  const blocking = new Map<string, string>();
  let subscriptionCount = 0;
  const toggle = (customerId: string) =>
    db.transaction().execute(async (trx) => {
      await lockCustomer({ trx }, tenant.id, customerId);
      const active = blocking.get(customerId);
      if (active) {
        blocking.delete(customerId);
        const lifted = await liftRestriction(
          { trx, boss },
          { customerId, restrictionId: active, liftedBy: 'BENCH' },
        );
        return lifted?.events ?? [];
      }
      const placed = await placeRestriction(
        { trx, boss },
        {
          tenantId: tenant.id,
          customerId,
          name: 'ALL_TRANSACTIONS',
          reason: 'COMPLIANCE',
          requiredActions: [],
          source: 'PARTNER',
        },
      );
      blocking.set(customerId, placed.restriction.id);
      return placed.events;
    });
  const timedToggle = async (customerId: string): Promise<[string, number][]> => {
    const events = await toggle(customerId);
    const at = performance.now();
    return events.map((e): [string, number] => [e.eventId, at]);
  };
  return {
    handle,
    boss,
    tenantId: tenant.id,
    customers,
    async subscribe(receiverUrl, count) {
      // One url each (a query of its own): the tenant may not hold two live twins (0008's unique index).
      const rows = Array.from({ length: count }, () => {
        const id = randomUUID();
        const sealed = secretBox.seal(generateSecret(), subscriptionSecretContext(id));
        return {
          id,
          tenant_id: tenant.id,
          url: `${receiverUrl}/${++subscriptionCount}`,
          event_types: [ACCOUNT_UPDATE],
          secret_ciphertext: sealed.ciphertext,
          secret_key_id: sealed.keyId,
          max_attempts: 8,
        };
      });
      await db.insertInto('webhook_subscriptions').values(rows).execute();
    },
    toggle: timedToggle,
    async toggleAll() {
      const out: [string, number][] = [];
      for (const c of customers) out.push(...(await timedToggle(c)));
      return out;
    },
    async close() {
      await boss.stop({ graceful: false, close: true });
      await handle.destroy();
    },
  };
}
