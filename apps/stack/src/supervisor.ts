import { type ChildProcess, spawn } from 'node:child_process';

export interface SupervisedApp {
  name: string;
  script: string;
  /** Variables for this app only, such as its metrics port. */
  env?: NodeJS.ProcessEnv;
}

/** Runs each app as its own process, restarts one that dies, and stops them all on request. */
export class Supervisor {
  readonly #children = new Map<string, ChildProcess>();
  #stopping = false;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly say: (line: string) => void,
  ) {}

  start(app: SupervisedApp): void {
    const child = spawn(process.execPath, [app.script], {
      env: { ...this.env, ...app.env },
      stdio: 'inherit',
    });
    this.#children.set(app.name, child);
    child.on('exit', (code, signal) => {
      if (this.#stopping) return;
      this.say(`${app.name} exited (${signal ?? code}); restarting in 1 s`);
      setTimeout(() => this.start(app), 1000).unref();
    });
  }

  /** SIGTERM to every app, then SIGKILL whatever is still running after the cap. */
  async stop(capMs: number): Promise<void> {
    this.#stopping = true;
    const exits = [...this.#children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    );
    const cap = setTimeout(() => {
      for (const child of this.#children.values()) child.kill('SIGKILL');
    }, capMs);
    await Promise.all(exits);
    clearTimeout(cap);
  }
}
