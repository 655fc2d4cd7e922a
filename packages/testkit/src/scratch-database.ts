import { createDatabase, dropDatabase, uniqueDatabaseName } from './databases.js';
import { startTestServer } from './server.js';

export interface ScratchDatabase {
  url: string;
  /** Drops the database, and stops the embedded cluster when there is one. */
  close(): Promise<void>;
}

/**
 * An empty database of its own, for a benchmark or a tool run outside vitest: on DATABASE_URL's
 * server when it is set, else on a throwaway embedded cluster.
 */
export async function openScratchDatabase(
  prefix: string,
  serverUrl: string | undefined = process.env.DATABASE_URL,
): Promise<ScratchDatabase> {
  const server = await startTestServer(serverUrl);
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
