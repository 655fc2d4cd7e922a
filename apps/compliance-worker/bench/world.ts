// Shared set-up of the compliance benchmarks: a database of their own, a tenant whose API key is
// known, customers with one account each.
import { createHash, randomBytes } from 'node:crypto';
import { createDb, type DbHandle, migrateToLatest } from '@wallet/db';
import { createBoss, ensureQueues, type PgBoss } from '@wallet/jobs';

export const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Fixture {
  handle: DbHandle;
  boss: PgBoss;
  tenantId: string;
  apiKey: string;
  /** Customer ids, consecutive numbers. */
  customers: string[];
  close(): Promise<void>;
}

export async function createFixture(url: string, customerCount: number): Promise<Fixture> {
  const handle = createDb({ connectionString: url, max: 4 });
  await migrateToLatest(handle.db);
  const boss = createBoss({ connectionString: url, max: 2 });
  boss.on('error', () => {});
  await boss.start();
  await ensureQueues(boss);
  const apiKey = randomBytes(32).toString('base64url');
  const tenant = await handle.db
    .insertInto('tenants')
    .values({ name: 'bench', api_key_hash: createHash('sha256').update(apiKey).digest('hex') })
    .returning('id')
    .executeTakeFirstOrThrow();
  const customers: string[] = [];
  for (let i = 0; i < customerCount; i += 500) {
    const rows = await handle.db
      .insertInto('customers')
      .values(
        Array.from({ length: Math.min(500, customerCount - i) }, (_, j) => ({
          tenant_id: tenant.id,
          external_id: `bench-${i + j}`,
          type: 'PERSON',
          email: 'bench@example.com',
          registration_ip: '198.51.100.1',
        })),
      )
      .returning('id')
      .execute();
    await handle.db
      .insertInto('accounts')
      .values(
        rows.map((r) => ({
          tenant_id: tenant.id,
          customer_id: r.id,
          currency_code: 'USD',
          status: 'ACTIVE',
          virtual_account_assignment: false,
        })),
      )
      .execute();
    customers.push(...rows.map((r) => r.id));
  }
  return {
    handle,
    boss,
    tenantId: tenant.id,
    apiKey,
    customers,
    close: async () => {
      await boss.stop({ graceful: false, close: true });
      await handle.destroy();
    },
  };
}
