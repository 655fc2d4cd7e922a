/**
 * How an app talks to the launcher (apps/stack) that may run it. Every app also runs alone (in a
 * container, under systemd): without an IPC channel these helpers only write to stderr and exit.
 */

/**
 * Exit code of an app that cannot run with its configuration (EX_CONFIG of sysexits.h). Restarting
 * such an app cannot help: the launcher stops the whole stack with the app's message instead.
 */
export const CONFIG_EXIT_CODE = 78;

/** What an app tells its launcher over the IPC channel. */
export type SupervisorMessage =
  | { type: 'listening'; url: string }
  | { type: 'configuration-error'; message: string };

/** Sends one message to the launcher when there is one; resolves once it is written (or at once). */
export function tellSupervisor(message: SupervisorMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

/** Prints the message, hands it to the launcher, and exits with CONFIG_EXIT_CODE. */
export async function exitForConfiguration(message: string): Promise<never> {
  process.stderr.write(`${message}\n`);
  await tellSupervisor({ type: 'configuration-error', message });
  process.exit(CONFIG_EXIT_CODE);
}

/** A listen() that failed because the address is taken: a configuration problem, not a crash. */
export function isAddressInUse(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}
