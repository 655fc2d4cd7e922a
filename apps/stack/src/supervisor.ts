import { type ChildProcess, spawn } from 'node:child_process';
import { CONFIG_EXIT_CODE, type SupervisorMessage } from '@wallet/logging';
import { type RestartPolicy, restartDelay } from './restart-policy.js';

export interface SupervisedApp {
  name: string;
  script: string;
  /** Node arguments in front of the script (development runs it under `tsx watch`). */
  runner?: readonly string[];
  /** Variables for this app only, such as its metrics port. */
  env?: NodeJS.ProcessEnv;
}

export interface SupervisorEvents {
  say(line: string): void;
  /** An app announced where it listens. */
  listening(name: string, url: string): void;
  /** The stack cannot go on: an app's configuration is wrong, or it crashed too often in a row. */
  fatal(reason: string, exitCode: number): void;
}

interface AppState {
  child?: ChildProcess;
  startedAt: number;
  /** Crashes in a row, each soon after its start. */
  crashes: number;
  /** What the app said about its configuration before it exited with CONFIG_EXIT_CODE. */
  configurationError?: string;
}

/**
 * Runs each app as its own process with an IPC channel (an app stops when the channel closes, so none
 * outlives the stack), restarts a crashed one after a growing delay, and stops them all on request.
 */
export class Supervisor {
  readonly #apps = new Map<string, AppState>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #stopping = false;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly policy: RestartPolicy,
    private readonly events: SupervisorEvents,
  ) {}

  start(app: SupervisedApp): void {
    if (this.#stopping) return;
    const state = this.#apps.get(app.name) ?? { startedAt: 0, crashes: 0 };
    this.#apps.set(app.name, state);
    const child = spawn(process.execPath, [...(app.runner ?? []), app.script], {
      env: { ...this.env, ...app.env },
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    state.child = child;
    state.startedAt = Date.now();
    delete state.configurationError;
    this.events.say(`${app.name} started (pid ${child.pid})`);
    child.on('message', (message: SupervisorMessage) => {
      if (message?.type === 'listening') this.events.listening(app.name, message.url);
      if (message?.type === 'configuration-error') state.configurationError = message.message;
    });
    child.on('error', (err) => this.events.say(`${app.name}: ${err.message}`));
    // 'close', not 'exit': it comes after the IPC channel drained, so a configuration message is in.
    child.on('close', (code, signal) => this.#exited(app, state, code, signal));
  }

  #exited(app: SupervisedApp, state: AppState, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#stopping) return;
    if (code === CONFIG_EXIT_CODE) {
      const why = state.configurationError ?? 'see its output above';
      this.events.fatal(`${app.name} cannot run with this configuration:\n${why}`, CONFIG_EXIT_CODE);
      return;
    }
    if (Date.now() - state.startedAt >= this.policy.stableMs) state.crashes = 0;
    state.crashes++;
    const how = signal ?? `code ${code}`;
    if (state.crashes > this.policy.maxRestarts) {
      this.events.fatal(
        `${app.name} exited (${how}) ${state.crashes} times in a row, each within ${this.policy.stableMs} ms of its start; giving up (see its output above)`,
        1,
      );
      return;
    }
    const delay = restartDelay(this.policy, state.crashes);
    this.events.say(
      `${app.name} exited (${how}); restart ${state.crashes} of ${this.policy.maxRestarts} in ${delay} ms`,
    );
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.start(app);
    }, delay);
    this.#timers.add(timer);
  }

  /** No more restarts; SIGTERM to every app, then SIGKILL whatever still runs after the cap. */
  async stop(capMs: number): Promise<void> {
    this.#stopping = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const children = [...this.#apps.values()].flatMap((s) => (s.child ? [s.child] : []));
    const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
    const exits = children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (!running(child)) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    );
    const cap = setTimeout(() => {
      for (const child of children) if (running(child)) child.kill('SIGKILL');
    }, capMs);
    await Promise.all(exits);
    clearTimeout(cap);
  }
}
