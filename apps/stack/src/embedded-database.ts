import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fromSource, helperRunner } from './development.js';
import { inheritedEnvironment } from './env.js';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** Pid of an orphaned server (from a killed stack) stopped before this one started. */
  stoppedOrphanPid?: number;
  stop(): Promise<void>;
}

type Message = { url: string; port: number; stoppedOrphanPid?: number } | { error: string };

/** Starts database-process.js detached and waits for its connection string. */
export function startEmbeddedDatabase(dataDir: string, port: number | undefined): Promise<EmbeddedDatabase> {
  const script = fileURLToPath(new URL(`./database-process.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  const child = spawn(process.execPath, [...helperRunner(), script], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...inheritedEnvironment(), EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: port ? String(port) : '' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the database process exited (${code})`)));
    child.once('message', (message: Message) => {
      if ('error' in message) return reject(new Error(message.error));
      resolve({
        url: message.url,
        port: message.port,
        ...(message.stoppedOrphanPid !== undefined && { stoppedOrphanPid: message.stoppedOrphanPid }),
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
