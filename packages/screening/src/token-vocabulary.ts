import { jaroWinkler } from './jaro-winkler.js';
import { foldTransliteration } from './transliterate.js';

/** Token pairs below this similarity are treated as not matching at all. */
const MIN_TOKEN_SIMILARITY = 0.8;
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
// Short tokens one typing error apart (kim/kam, ali/ala) score below MIN_TOKEN_SIMILARITY in
// Jaro-Winkler; they still pair at this similarity, which the guards treat as weak agreement.
const ONE_EDIT_SIMILARITY = 0.8;
const ONE_EDIT_MIN_LENGTH = 3;
const NEAR = 1;
const ONE_EDIT = 2;
const SAME_CONSONANTS = 4;
// A token written without vowels (Arabic script romanised: محمد -> mhmd) agrees this much with a
// listed token of the same consonants (muhammad).
const CONSONANTS_ONLY_SIMILARITY = 0.9;
// Shorter skeletons (`hs`, `mr`) are shared by hundreds of tokens and say little.
const MIN_SKELETON_LENGTH = 3;
// One vowel typed wrong can cost Jaro-Winkler more than a transposition (bihaji/bahaji 0.84):
// tokens with the same consonants and lengths at most one apart are at least this alike.
const SAME_CONSONANTS_SIMILARITY = 0.86;

/**
 * The consonants of a spelling, doubled letters once: a vowel typed wrong (Licin for LICON) or
 * left out (Arabic script) leaves it unchanged, where the trigrams and the transliteration key
 * may both change.
 */
const isVowelless = (token: string): boolean => !/[aeiouy]/.test(token);

function skeletonOf(token: string): string {
  return token.replace(/[aeiouy]/g, '').replace(/([a-z])\1+/g, '$1');
}

/** Every distinct token of the index's names, with trigram and deletion indexes over their transliteration keys. */
export interface TokenVocabulary {
  ids: Map<string, number>;
  tokens: string[];
  folded: string[];
  gramCounts: number[];
  trigrams: Map<string, number[]>;
  /** Key and one-letter deletions of each key -> token ids: finds swaps and typos in short tokens. */
  deletions: Map<string, number[]>;
  /** Per token: indexed for fuzzy search (a name's own token), not only a joined one. */
  fuzzy: boolean[];
  /** Consonant skeleton (`skeletonOf`) -> ids of name tokens. */
  skeletons: Map<string, number[]>;
  /** Transliteration key -> ids of joined tokens (`addJoinedToken`). */
  joinedByKey: Map<string, number[]>;
  /** Scratch space for `similarTokens`, one slot per token. */
  shared: Uint16Array;
  flags: Uint8Array;
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
    fuzzy: [],
    skeletons: new Map(),
    joinedByKey: new Map(),
    shared: new Uint16Array(0),
    flags: new Uint8Array(0),
  };
}

function addSpelling(vocabulary: TokenVocabulary, token: string): number {
  const id = vocabulary.tokens.length;
  vocabulary.ids.set(token, id);
  vocabulary.tokens.push(token);
  vocabulary.folded.push(foldTransliteration(token));
  vocabulary.gramCounts.push(0);
  vocabulary.fuzzy.push(false);
  return id;
}

/** Adds a token of a name, found by `similarTokens` through its trigrams and deletions. */
export function addToken(vocabulary: TokenVocabulary, token: string): number {
  const known = vocabulary.ids.get(token) ?? addSpelling(vocabulary, token);
  if (vocabulary.fuzzy[known]) return known;
  vocabulary.fuzzy[known] = true;
  const key = vocabulary.folded[known] ?? '';
  const grams = trigramsOf(key);
  vocabulary.gramCounts[known] = grams.length;
  for (const gram of grams) push(vocabulary.trigrams, gram, known);
  for (const variant of deletionsOf(key)) push(vocabulary.deletions, variant, known);
  const skeleton = skeletonOf(token);
  if (skeleton.length >= MIN_SKELETON_LENGTH) push(vocabulary.skeletons, skeleton, known);
  return known;
}

/**
 * Adds consecutive tokens written as one word (`reyesmagana`). Found only by its exact spelling
 * or transliteration key (see `joinedTokens`): indexing its trigrams and deletions as well would
 * triple the index for a variant customers seldom misspell on top.
 */
export function addJoinedToken(vocabulary: TokenVocabulary, token: string): number {
  const id = vocabulary.ids.get(token) ?? addSpelling(vocabulary, token);
  push(vocabulary.joinedByKey, joinedKey(token), id);
  return id;
}

// `elhajj`, `ulhajj` and `alhajj` are one particle and name written together.
const joinedKey = (token: string): string => foldTransliteration(token.replace(/^(el|ul)/, 'al'));

/** Joined tokens (see `addJoinedToken`) with the spelling or transliteration key of `token`. */
export function joinedTokens(vocabulary: TokenVocabulary, token: string): Map<number, number> {
  const found = new Map<number, number>();
  for (const id of vocabulary.joinedByKey.get(joinedKey(token)) ?? [])
    found.set(id, vocabulary.tokens[id] === token ? 1 : SAME_FOLD_SIMILARITY);
  return found;
}

/** Call once all tokens are added. */
export function sealVocabulary(vocabulary: TokenVocabulary): void {
  vocabulary.shared = new Uint16Array(vocabulary.tokens.length);
  vocabulary.flags = new Uint8Array(vocabulary.tokens.length);
}

/** Similarity of two tokens: Jaro-Winkler of their spellings or, discounted, of their transliteration keys. */
function tokenSimilarity(a: string, foldedA: string, b: string, foldedB: string): number {
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
  const { shared, flags } = vocabulary;
  const touched: number[] = [];
  for (const gram of grams) {
    for (const id of vocabulary.trigrams.get(gram) ?? []) {
      if (shared[id] === 0) touched.push(id);
      shared[id] = (shared[id] ?? 0) + 1;
    }
  }
  // Per token looked at: NEAR (enough shared trigrams), ONE_EDIT, SAME_CONSONANTS, as bits.
  const near: number[] = [];
  const mark = (id: number, bit: number) => {
    if ((flags[id] ?? 0) === 0) near.push(id);
    flags[id] = (flags[id] ?? 0) | bit;
  };
  for (const id of touched) {
    const dice = (2 * (shared[id] ?? 0)) / (grams.length + (vocabulary.gramCounts[id] ?? 0));
    shared[id] = 0;
    if (dice >= MIN_TRIGRAM_DICE) mark(id, NEAR);
  }
  for (const variant of deletionsOf(key))
    for (const id of vocabulary.deletions.get(variant) ?? []) mark(id, ONE_EDIT);
  const skeleton = skeletonOf(token);
  if (skeleton.length >= MIN_SKELETON_LENGTH)
    for (const id of vocabulary.skeletons.get(skeleton) ?? []) mark(id, SAME_CONSONANTS);
  const vowelless = token.length > 1 && isVowelless(token);
  const found = new Map<number, number>();
  for (const id of near) {
    const bits = flags[id] ?? 0;
    flags[id] = 0;
    const folded = vocabulary.folded[id] ?? '';
    let sim = tokenSimilarity(token, key, vocabulary.tokens[id] ?? '', folded);
    if (bits & ONE_EDIT && Math.min(key.length, folded.length) >= ONE_EDIT_MIN_LENGTH)
      sim = Math.max(sim, ONE_EDIT_SIMILARITY);
    if (bits & SAME_CONSONANTS) {
      const lengthGap = Math.abs((vocabulary.tokens[id]?.length ?? 0) - token.length);
      if (vowelless) sim = Math.max(sim, CONSONANTS_ONLY_SIMILARITY);
      else if (lengthGap <= 1) sim = Math.max(sim, SAME_CONSONANTS_SIMILARITY);
    }
    if (sim >= MIN_TOKEN_SIMILARITY) found.set(id, sim);
  }
  return found;
}

/**
 * For a token written without vowels (Arabic script romanised: `nsrllh` for نصر الله): the name
 * tokens of the same consonants (`nasrallah`), at CONSONANTS_ONLY_SIMILARITY. Empty otherwise.
 */
export function sameConsonantTokens(vocabulary: TokenVocabulary, token: string): Map<number, number> {
  const found = new Map<number, number>();
  const skeleton = skeletonOf(token);
  if (!isVowelless(token) || skeleton.length < MIN_SKELETON_LENGTH) return found;
  for (const id of vocabulary.skeletons.get(skeleton) ?? []) found.set(id, CONSONANTS_ONLY_SIMILARITY);
  return found;
}
