import { jaroWinkler } from './jaro-winkler.js';
import { foldTransliteration } from './transliterate.js';

/** Token pairs below this similarity are treated as not matching at all. */
export const MIN_TOKEN_SIMILARITY = 0.8;
// Agreement only through the transliteration key counts less than agreement in spelling: the key
// folds vowels together, so keys of unrelated short names are often close.
const SAME_FOLD_SIMILARITY = 0.95;
const FOLDED_DISCOUNT = 0.9;
// Jaro-Winkler rates a short token inside a long one highly (bush/bushehri 0.90, emma/emmatel 0.91);
// typos and transliterations rarely change a length by more than two letters.
const LENGTH_GAP_ALLOWED = 2;
const LENGTH_GAP_PENALTY = 0.1;
// Candidates must share this share of trigrams (Dice coefficient) before Jaro-Winkler is run.
const MIN_TRIGRAM_DICE = 0.3;

/** Every distinct token of the index's names, with trigram and deletion indexes over their transliteration keys. */
export interface TokenVocabulary {
  ids: Map<string, number>;
  tokens: string[];
  folded: string[];
  gramCounts: number[];
  trigrams: Map<string, number[]>;
  /** Key and one-letter deletions of each key -> token ids: finds swaps and typos in short tokens. */
  deletions: Map<string, number[]>;
  /** Scratch space for `similarTokens`, one slot per token. */
  shared: Uint16Array;
}

function deletionsOf(key: string): string[] {
  const variants = new Set([key]);
  if (key.length >= 3) for (let i = 0; i < key.length; i++) variants.add(key.slice(0, i) + key.slice(i + 1));
  return [...variants];
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

function trigramsOf(key: string): string[] {
  const padded = `$${key}$`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return [...grams];
}

export function createVocabulary(): TokenVocabulary {
  return {
    ids: new Map(),
    tokens: [],
    folded: [],
    gramCounts: [],
    trigrams: new Map(),
    deletions: new Map(),
    shared: new Uint16Array(0),
  };
}

export function addToken(vocabulary: TokenVocabulary, token: string): number {
  const known = vocabulary.ids.get(token);
  if (known !== undefined) return known;
  const id = vocabulary.tokens.length;
  const key = foldTransliteration(token);
  const grams = trigramsOf(key);
  vocabulary.ids.set(token, id);
  vocabulary.tokens.push(token);
  vocabulary.folded.push(key);
  vocabulary.gramCounts.push(grams.length);
  for (const gram of grams) push(vocabulary.trigrams, gram, id);
  for (const variant of deletionsOf(key)) push(vocabulary.deletions, variant, id);
  return id;
}

/** Call once all tokens are added. */
export function sealVocabulary(vocabulary: TokenVocabulary): void {
  vocabulary.shared = new Uint16Array(vocabulary.tokens.length);
}

/** Similarity of two tokens: Jaro-Winkler of their spellings or, discounted, of their transliteration keys. */
export function tokenSimilarity(a: string, foldedA: string, b: string, foldedB: string): number {
  const spelled = jaroWinkler(a, b);
  if (spelled === 1) return 1;
  if (foldedA === foldedB) return Math.max(spelled, SAME_FOLD_SIMILARITY);
  const similarity = Math.max(spelled, FOLDED_DISCOUNT * jaroWinkler(foldedA, foldedB));
  const gap = Math.abs(a.length - b.length) - LENGTH_GAP_ALLOWED;
  return gap > 0 ? similarity * Math.max(0, 1 - gap * LENGTH_GAP_PENALTY) : similarity;
}

/**
 * Vocabulary tokens similar to `token` (similarity >= MIN_TOKEN_SIMILARITY). Jaro-Winkler runs only
 * on tokens whose transliteration key shares enough trigrams with the token's (long tokens, up to
 * two typos) or is one deletion away from it (short tokens, swapped letters): tens of tokens, not
 * the whole vocabulary.
 */
export function similarTokens(vocabulary: TokenVocabulary, token: string): Map<number, number> {
  const key = foldTransliteration(token);
  const grams = trigramsOf(key);
  const shared = vocabulary.shared;
  const touched: number[] = [];
  for (const gram of grams) {
    for (const id of vocabulary.trigrams.get(gram) ?? []) {
      if (shared[id] === 0) touched.push(id);
      shared[id] = (shared[id] ?? 0) + 1;
    }
  }
  const near = new Set<number>();
  for (const variant of deletionsOf(key))
    for (const id of vocabulary.deletions.get(variant) ?? []) near.add(id);
  const found = new Map<number, number>();
  for (const id of touched) {
    const dice = (2 * (shared[id] ?? 0)) / (grams.length + (vocabulary.gramCounts[id] ?? 0));
    shared[id] = 0;
    if (dice >= MIN_TRIGRAM_DICE) near.add(id);
  }
  for (const id of near) {
    const sim = tokenSimilarity(token, key, vocabulary.tokens[id] ?? '', vocabulary.folded[id] ?? '');
    if (sim >= MIN_TOKEN_SIMILARITY) found.set(id, sim);
  }
  return found;
}
