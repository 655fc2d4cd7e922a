import { inject } from 'vitest';
import { createDatabase, dropDatabase, uniqueDatabaseName } from './databases.js';
import './provided.js';

export interface TestDatabase {
  connectionString: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own (cloned from the run's template), for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('databaseAdminUrl');
  const name = uniqueDatabaseName('wallet_test');
  const connectionString = await createDatabase(adminUrl, name, inject('templateDatabase'));
  return { connectionString, name, drop: () => dropDatabase(adminUrl, name) };
}
