import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built API entry point: replica tests need `pnpm build` first, like every suite here. */
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface Replica {
  url: string;
  /** Every line the process wrote (pino JSON on stdout, start-up notes on stderr). */
  output: string[];
  stop(): Promise<void>;
}

/** One API process of its own (`node dist/main.js`) on a free loopback port, ready when this resolves (it reads the port from the `api listening` log line, so LOG_LEVEL must be info or lower). */
export async function startReplica(env: Record<string, string>): Promise<Replica> {
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', RUN_MIGRATIONS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica did not start:\n${output.join('')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      for (const line of String(chunk).split('\n')) {
        if (!line) continue;
        output.push(line);
        if (line.includes('"api listening"')) {
          clearTimeout(timer);
          resolve((JSON.parse(line) as { port: number }).port);
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`replica exited with ${code}:\n${output.join('\n')}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
