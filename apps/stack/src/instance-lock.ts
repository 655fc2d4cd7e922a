import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the lock file says about the stack that holds it; a second start prints it. */
export interface LockHolder {
  pid: number;
  startedAt: string;
  dataDir: string;
  database?: string;
  /** Where each app listens, as the apps announce it. */
  apps: Record<string, string>;
}

export type LockResult =
  | { acquired: true; update(change: Partial<LockHolder>): void; release(): void }
  | { acquired: false; holder: LockHolder };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, only not ours to signal.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** On Linux, a pid of a stack killed long ago may be another program's now: check it is a stack. */
function isStack(pid: number): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdline)) return true;
  try {
    return readFileSync(cmdline, 'utf8').includes('stack');
  } catch {
    return true;
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/**
 * One stack per data folder: `stack.lock` in it, created exclusively (O_EXCL) with this process's pid.
 * A lock whose pid is gone (SIGKILL, power loss) is stale and taken over. Two starts racing over the
 * same stale lock could both take it; the window is a few microseconds and documented.
 */
export function acquireInstanceLock(dataDir: string): LockResult {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'stack.lock');
  const mine: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), dataDir, apps: {} };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(file, 'wx', 0o600));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid) && isStack(holder.pid))
        return { acquired: false, holder };
      // Stale (or unreadable: a holder killed between create and write): take it over.
      rmSync(file, { force: true });
      continue;
    }
    const write = () => writeFileSync(file, `${JSON.stringify(mine, null, 2)}\n`);
    write();
    return {
      acquired: true,
      update(change) {
        Object.assign(mine, change);
        write();
      },
      release() {
        if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
      },
    };
  }
  throw new Error(`could not take ${file}`);
}

/** The second start's message: what runs, where, how to stop it. */
export function describeHolder(holder: LockHolder): string {
  const lines = [
    `another stack is already running on ${holder.dataDir} (pid ${holder.pid}, since ${holder.startedAt})`,
  ];
  if (holder.database) lines.push(`  database: ${holder.database}`);
  for (const [name, url] of Object.entries(holder.apps)) lines.push(`  ${name}: ${url}`);
  lines.push(
    `  stop it with Ctrl-C in its terminal, or: kill ${holder.pid}`,
    '  or run a second stack on a folder of its own: STACK_DATA_DIR=/another/folder pnpm start',
  );
  return lines.join('\n');
}
