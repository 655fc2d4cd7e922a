// Memory and build time of one tenant's black-list index, and how long the event loop is held
// while it builds. Run after `build`: `node --expose-gc bench/black-list.ts [entries]`.
import { buildScreeningIndex, buildScreeningIndexAsync, type ListEntry } from '@wallet/screening';

const count = Number(process.argv[2] ?? 10_000);
const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const syllables = ['ka', 'ro', 'vi', 'len', 'mar', 'tos', 'qui', 'del', 'san', 'bor', 'ne', 'lu'];
const word = (i: number, n: number): string => {
  let s = '';
  for (let k = 0; k < n; k++) s += syllables[(i * 7 + k * 5 + Math.floor(i / (k + 3))) % syllables.length];
  return s;
};
// Invented names, one per entry, of people and companies.
const entries: ListEntry[] = Array.from({ length: count }, (_, i) => ({
  listType: 'BL',
  id: String(i),
  subject: i % 4 === 0 ? 'entity' : 'individual',
  name:
    i % 4 === 0 ? `${word(i, 3)} ${word(i + 1, 2)} Ltd` : `${word(i, 3).toUpperCase()}, ${word(i + 7, 2)}`,
  aliases: [],
  birthdates: [],
  programs: [],
}));

globalThis.gc?.();
const before = process.memoryUsage().heapUsed;
let start = performance.now();
const index = buildScreeningIndex(entries);
const syncMs = performance.now() - start;
globalThis.gc?.();
const heapMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;

// The longest time the event loop waited for its turn while the cooperative build ran.
let longest = 0;
let last = performance.now();
const timer = setInterval(() => {
  const now = performance.now();
  longest = Math.max(longest, now - last);
  last = now;
}, 1);
start = performance.now();
await buildScreeningIndexAsync(entries);
const asyncMs = performance.now() - start;
clearInterval(timer);

print(`black list of ${count} entries (${index.names.length} names)`);
print(
  `build: ${syncMs.toFixed(0)} ms in one go; ${asyncMs.toFixed(0)} ms cooperative, event loop held at most ${longest.toFixed(1)} ms`,
);
print(
  `index memory: heapUsed +${heapMb.toFixed(1)} MB${globalThis.gc ? '' : ' (run with --expose-gc for a steadier figure)'}`,
);
