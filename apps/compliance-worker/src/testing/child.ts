import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built worker, as deployed: `node dist/main.js`. */
const WORKER_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** stdout lines (pino JSON) and stderr lines. */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the built worker as a child process and resolves once it logged that it started. */
export async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: build the worker first`);
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let started: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    started = resolve;
  });
  const collect = (chunk: Buffer) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      lines.push(line);
      if (line.includes('"msg":"compliance worker started"')) started();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const failedEarly = exited.then(({ code }) => {
    throw new Error(`worker exited (${code}) before it started:\n${lines.join('\n')}`);
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`worker did not start in 20 s:\n${lines.join('\n')}`)), 20_000).unref(),
  );
  await Promise.race([ready, failedEarly, timeout]);
  failedEarly.catch(() => {});
  return { child, lines, exited };
}
