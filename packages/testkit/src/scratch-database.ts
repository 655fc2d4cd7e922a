import { createDatabase, dropDatabase, uniqueDatabaseName } from './databases.js';
import { startTestServer } from './server.js';

export interface ScratchDatabase {
  url: string;
  /** Drops the database, and stops the embedded cluster when there is one. */
  close(): Promise<void>;
}

export interface ScratchOptions {
  /** The server to create it on; default DATABASE_URL, and without one an embedded cluster. */
  serverUrl?: string | undefined;
  /**
   * An embedded cluster that flushes its commits to disk as a deployed one does. Benchmarks of commit
   * costs need it; the default skips fsync, which is faster to set up and fill.
   */
  durable?: boolean;
}

/**
 * An empty database of its own, for a benchmark or a tool run outside vitest: on DATABASE_URL's
 * server when it is set, else on a throwaway embedded cluster.
 */
export async function openScratchDatabase(
  prefix: string,
  { serverUrl = process.env.DATABASE_URL, durable = false }: ScratchOptions = {},
): Promise<ScratchDatabase> {
  const server = await startTestServer(serverUrl, { durable });
  const name = uniqueDatabaseName(prefix);
  try {
    const url = await createDatabase(server.adminUrl, name);
    return {
      url,
      close: async () => {
        try {
          await dropDatabase(server.adminUrl, name);
        } finally {
          await server.stop();
        }
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
