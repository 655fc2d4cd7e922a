import { createDb, type DbHandle } from '@wallet/db';
import { screen } from '@wallet/screening';
import { createTestDatabase, type TestDatabase } from '@wallet/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlackListIndexes } from './black-list-index.js';

let database: TestDatabase;
let handle: DbHandle;

async function tenantWithEntries(name: string, entries: string[]): Promise<string> {
  const { id } = await handle.db
    .insertInto('tenants')
    .values({ name, api_key_hash: `hash-${name}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const entry of entries)
    await handle.db
      .insertInto('black_list_entries')
      .values({ tenant_id: id, subject: 'PERSON', name: entry })
      .execute();
  await handle.db
    .insertInto('black_list_versions')
    .values({ tenant_id: id, version: 1, entries: entries.length })
    .execute();
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb({ connectionString: database.connectionString, max: 2 });
});
afterAll(async () => {
  await handle.destroy();
  await database.drop();
});

describe('BlackListIndexes', () => {
  it('keeps at most maxCachedEntries indexed, dropping the least recently used tenant first', async () => {
    const a = await tenantWithEntries('lru-a', ['ALPHAVILLE, Anton', 'BETAVILLE, Berta']);
    const b = await tenantWithEntries('lru-b', ['GAMMAVILLE, Gregor', 'DELTAVILLE, Dora']);
    const indexes = new BlackListIndexes({ maxCachedEntries: 3 });
    const first = await indexes.forTenant(handle.db, a);
    expect(indexes.cachedEntries).toBe(2);
    // The same version: the same index, not a rebuild.
    expect(await indexes.forTenant(handle.db, a)).toBe(first);
    await indexes.forTenant(handle.db, b);
    expect(indexes.cachedEntries).toBe(2); // a was dropped to stay within 3
    const again = await indexes.forTenant(handle.db, a);
    expect(again).not.toBe(first);
    expect(again && screen(again, { kind: 'person', name: 'Anton Alphaville' }).trafficLight).toBe('YELLOW');
    expect(indexes.cachedEntries).toBe(2);
  });

  it('shares one rebuild among concurrent screenings and rebuilds when the version moves', async () => {
    const t = await tenantWithEntries('shared-build', ['EPSILONIA, Emil']);
    const indexes = new BlackListIndexes();
    const [x, y] = await Promise.all([indexes.forTenant(handle.db, t), indexes.forTenant(handle.db, t)]);
    expect(x).toBeDefined();
    expect(x).toBe(y);
    await handle.db
      .insertInto('black_list_entries')
      .values({ tenant_id: t, subject: 'PERSON', name: 'ZETANIA, Zora' })
      .execute();
    await handle.db
      .updateTable('black_list_versions')
      .set({ version: 2, entries: 2 })
      .where('tenant_id', '=', t)
      .execute();
    const { index, version } = await indexes.withVersion(handle.db, t);
    expect(version).toBe('BL:2:2');
    expect(index && screen(index, { kind: 'person', name: 'Zora Zetania' }).trafficLight).toBe('YELLOW');
  });
});
