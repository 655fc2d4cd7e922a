import { pick, type Random, shuffled } from './random.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The tokens in another order (never the same order, when there are two distinct tokens). */
export function reorder(tokens: readonly string[], random: Random): string[] {
  if (new Set(tokens).size < 2) return [...tokens];
  for (;;) {
    const next = shuffled(random, tokens);
    if (next.join(' ') !== tokens.join(' ')) return next;
  }
}

/** One typing error: a letter substituted, dropped, added or two letters swapped. */
function typo(token: string, random: Random): string {
  const at = Math.floor(random() * token.length);
  const letter = pick(random, [...LETTERS]);
  switch (Math.floor(random() * 4)) {
    case 0:
      return letter === token[at] ? typo(token, random) : token.slice(0, at) + letter + token.slice(at + 1);
    case 1:
      return token.slice(0, at) + token.slice(at + 1);
    case 2:
      return token.slice(0, at) + letter + token.slice(at);
    default: {
      const i = Math.min(at, token.length - 2);
      const swapped = token.slice(0, i) + (token[i + 1] ?? '') + (token[i] ?? '') + token.slice(i + 2);
      return swapped === token ? typo(token, random) : swapped;
    }
  }
}

/** `edits` typing errors, each in a different token of at least four letters where there are enough. */
export function misspell(tokens: readonly string[], edits: number, random: Random): string[] | undefined {
  const next = [...tokens];
  const eligible = shuffled(
    random,
    next.map((t, i) => (t.length >= 4 ? i : -1)).filter((i) => i >= 0),
  );
  if (eligible.length === 0) return undefined;
  for (let e = 0; e < edits; e++) {
    const i = eligible[e % eligible.length] as number;
    next[i] = typo(next[i] ?? '', random);
  }
  return next.join(' ') === tokens.join(' ') ? undefined : next;
}

// Spelling swaps seen between transliterations of the same Arabic, Persian, Russian or Spanish name.
const SWAPS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^mohammed$|^mohamed$|^mohammad$/, 'muhammad'],
  [/^muhammad$|^muhammed$/, 'mohammed'],
  [/ou/, 'u'],
  [/(?<=[bcdfghjklmnpqrstvz])u(?=[bcdfghjklmnpqrstvz])/, 'ou'],
  [/y/, 'i'],
  [/(?<=[aeou])i/, 'y'],
  [/kh/, 'h'],
  [/(?<=^|[aeiou])h(?=[aeiou])/, 'kh'],
  [/ee/, 'i'],
  [/ei/, 'ey'],
  [/sh/, 'sch'],
  [/^j/, 'dj'],
  [/q/, 'k'],
  [/ph/, 'f'],
  [/ck/, 'k'],
  [/v$/, 'w'],
  [/ff/, 'f'],
];
const ACCENTS: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ü', n: 'ñ', c: 'ç' };

/** One or two transliteration swaps (Mohammed/Muhammad, ou/u, y/i, kh/h...), sometimes with accents added. */
export function transliterate(tokens: readonly string[], random: Random): string[] | undefined {
  const options: [number, RegExp, string][] = [];
  tokens.forEach((token, i) => {
    for (const [pattern, replacement] of SWAPS)
      if (pattern.test(token)) options.push([i, pattern, replacement]);
  });
  if (options.length === 0) return undefined;
  const next = [...tokens];
  const swaps = shuffled(random, options).slice(0, 1 + Math.floor(random() * 2));
  for (const [i, pattern, replacement] of swaps) next[i] = (next[i] ?? '').replace(pattern, replacement);
  if (random() < 0.3) {
    const i = Math.floor(random() * next.length);
    next[i] = (next[i] ?? '').replace(/[aeiounc]/, (c) => ACCENTS[c] ?? c);
  }
  return next.join(' ') === tokens.join(' ') ? undefined : next;
}
