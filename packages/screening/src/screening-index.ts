import { addToken, createVocabulary, sealVocabulary, type TokenVocabulary } from './token-vocabulary.js';
import { tokenKey, weighName } from './token-weights.js';
import type { ListEntry } from './types.js';

/** One primary name or alias of a list entry, cut into weighted tokens. */
export interface IndexedName {
  /** Position of the entry in `ScreeningIndex.entries`. */
  entry: number;
  /** The name as the list writes it. */
  text: string;
  tokens: number[];
  weights: number[];
  distinctive: boolean[];
  particle: boolean[];
  totalWeight: number;
  maxWeight: number;
}

/**
 * Everything `screen` needs, built once per list version by `buildScreeningIndex`.
 * Treat it as opaque: only `entries` and `names.length` are meant to be read by callers.
 */
export interface ScreeningIndex {
  entries: readonly ListEntry[];
  names: IndexedName[];
  vocabulary: TokenVocabulary;
  /** Token id -> ids of the names holding that token. */
  postings: number[][];
  /** Order-free token key -> ids of the names with exactly those tokens. */
  exact: Map<string, number[]>;
  /** Per-name scratch space reused by every `screen` call (screening is synchronous). */
  scratch: { lastHit: Int32Array; hitWeight: Float64Array; hitCount: Uint16Array };
}

function addName(index: ScreeningIndex, entry: number, text: string, company: boolean): void {
  const weighed = weighName(text, company);
  if (weighed.tokens.length === 0) return;
  const nameId = index.names.length;
  const tokens = weighed.tokens.map((t) => addToken(index.vocabulary, t));
  index.names.push({
    entry,
    text,
    tokens,
    weights: weighed.weights,
    distinctive: weighed.distinctive,
    particle: weighed.particle,
    totalWeight: weighed.weights.reduce((a, b) => a + b, 0),
    maxWeight: Math.max(...weighed.weights),
  });
  for (const id of new Set(tokens)) {
    const list = index.postings[id];
    if (list) list.push(nameId);
    else index.postings[id] = [nameId];
  }
  const key = tokenKey(weighed.tokens);
  const same = index.exact.get(key);
  if (same) same.push(nameId);
  else index.exact.set(key, [nameId]);
}

/**
 * Builds the search index over the entries of one or more lists (SL, BL and PEP entries may be
 * mixed; each keeps its own `listType`). Entries are kept by reference, not copied.
 */
export function buildScreeningIndex(entries: readonly ListEntry[]): ScreeningIndex {
  const index: ScreeningIndex = {
    entries,
    names: [],
    vocabulary: createVocabulary(),
    postings: [],
    exact: new Map(),
    scratch: { lastHit: new Int32Array(0), hitWeight: new Float64Array(0), hitCount: new Uint16Array(0) },
  };
  entries.forEach((entry, position) => {
    const company = entry.subject !== 'individual';
    addName(index, position, entry.name, company);
    for (const alias of entry.aliases) addName(index, position, alias.name, company);
  });
  sealVocabulary(index.vocabulary);
  const size = index.names.length;
  index.scratch = {
    lastHit: new Int32Array(size).fill(-1),
    hitWeight: new Float64Array(size),
    hitCount: new Uint16Array(size),
  };
  return index;
}
