import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface AppProcess {
  name: string;
  readonly pid: number | undefined;
  start(): void;
  /** SIGKILL: no drain, no cleanup, as a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  kills: number;
  /** Exits that were neither our SIGKILL nor our SIGTERM: a crash of the app itself. */
  unexpectedExits: number;
}

/** Told of an exit that was neither our SIGKILL nor our SIGTERM (the app died on its own). */
export type OnUnexpectedExit = (app: AppProcess) => void;

/** One app of the product as a child process; its output goes to a log file, not the terminal. */
export function appProcess(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  onUnexpectedExit: OnUnexpectedExit = () => {},
): AppProcess {
  const log = createWriteStream(logFile, { flags: 'a' });
  let child: ChildProcess | undefined;
  // The child we are killing or stopping; its exit is expected.
  let ending: ChildProcess | undefined;
  const waitExit = (c: ChildProcess) =>
    new Promise<void>((resolve) =>
      c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve()),
    );
  const self: AppProcess = {
    name,
    kills: 0,
    unexpectedExits: 0,
    get pid() {
      return child?.pid;
    },
    start() {
      const started = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      started.once('exit', () => {
        if (ending === started) return;
        self.unexpectedExits++;
        onUnexpectedExit(self);
      });
      child.stdout?.pipe(log, { end: false });
      child.stderr?.pipe(log, { end: false });
    },
    async kill() {
      if (!child) return;
      self.kills++;
      const c = child;
      ending = c;
      c.kill('SIGKILL');
      await waitExit(c);
    },
    async stop() {
      if (!child) return;
      const c = child;
      ending = c;
      c.kill('SIGTERM');
      await waitExit(c);
    },
  };
  return self;
}
