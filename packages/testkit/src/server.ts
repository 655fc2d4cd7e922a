import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@wallet/db/embedded';

export interface TestServer {
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL of a test run: DATABASE_URL's server if set, else a throwaway embedded cluster,
 * which by default skips fsync (`durable: true` keeps it, for measurements of commit costs).
 */
export async function startTestServer(
  databaseUrl: string | undefined,
  { durable = false }: { durable?: boolean } = {},
): Promise<TestServer> {
  if (databaseUrl) return { adminUrl: databaseUrl, stop: async () => {} };
  // /tmp is searchable by the `postgres` user that the embedded server runs as under root.
  const dir = await mkdtemp(join(tmpdir(), 'wallet-test-pg-'));
  await chmod(dir, 0o755);
  const handle = await startEmbeddedPostgres({
    dataDir: join(dir, 'data'),
    ephemeral: !durable,
    database: 'postgres',
  });
  return {
    adminUrl: handle.connectionString,
    stop: async () => {
      await handle.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
