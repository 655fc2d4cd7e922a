/**
 * `pnpm dev` runs the stack from its TypeScript sources (tsx, with the `source` export condition, so
 * workspace packages come from their src too). Then each app runs under `node --watch`, which
 * restarts it when a file it imports changes. Built stacks
 * (`pnpm start`, a deployment) run dist/ as always.
 */
export const fromSource = import.meta.url.endsWith('.ts');

/** The script of an app: its built main.js, or in development its src/main.ts. */
export function appScript(repoRoot: string, name: string): string {
  return fromSource ? `${repoRoot}apps/${name}/src/main.ts` : `${repoRoot}apps/${name}/dist/main.js`;
}

/** Node arguments in front of an app's script: none for a built stack, a watching tsx in development. */
export function appRunner(): string[] {
  if (!fromSource) return [];
  // Node's own --watch (it relays the app's IPC messages to the supervisor; tsx watch does not), with
  // tsx as the loader. tsx is a development dependency of the workspace: a deployed stack runs dist/.
  return ['--watch', '--conditions=source', `--import=${import.meta.resolve('tsx')}`];
}

/** Node arguments for a helper process of the stack's own (database-process): the same loader as this process. */
export function helperRunner(): string[] {
  return fromSource ? process.execArgv : [];
}
