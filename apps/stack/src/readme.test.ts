import { readFileSync } from 'node:fs';
import { buildOpenApiDocument } from '@wallet/contract';
import { expect, it } from 'vitest';
import { REPO_ROOT, stackEnvSchema } from './env.js';

const readme = readFileSync(`${REPO_ROOT}README.md`, 'utf8');

/** Every variable an app's env module reads, from its source (the env modules are the only readers). */
function variablesOf(app: string): string[] {
  const source = readFileSync(`${REPO_ROOT}apps/${app}/src/env.ts`, 'utf8');
  return [...source.matchAll(/^\s{2,6}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1] as string);
}

it("lists every variable of the stack and of each app in the README's configuration tables", () => {
  const variables = new Set([
    ...Object.keys(stackEnvSchema.in.shape),
    ...variablesOf('api'),
    ...variablesOf('compliance-worker'),
    ...variablesOf('webhook-dispatcher'),
  ]);
  expect(variables.size).toBeGreaterThan(30);
  const tables = readme.split('\n').filter((line) => line.startsWith('|'));
  const missing = [...variables].filter((name) => !tables.some((row) => row.includes(`\`${name}\``)));
  expect(missing).toEqual([]);
});

it("lists every path of the API's OpenAPI document in the README's route table", () => {
  const rows = readme.split('\n').filter((line) => line.startsWith('| `'));
  const paths = Object.keys(buildOpenApiDocument().paths ?? {});
  expect(paths.length).toBeGreaterThan(15);
  // A row may name a path in full or by its tail after `…` (e.g. `POST …/deliveries/{eventId}/replay`).
  // Parameter names may differ (`{id}` for `{subscriptionId}`).
  const bare = (text: string) => text.replaceAll(/\{[^}]*\}/g, '{}');
  const listed = (path: string) =>
    rows.some(
      (row) =>
        bare(row).includes(bare(path)) ||
        [...bare(row).matchAll(/…(\/[^`\s,]+)/g)].some((m) => bare(path).endsWith(m[1] as string)),
    );
  expect(paths.filter((path) => !listed(path))).toEqual([]);
});
