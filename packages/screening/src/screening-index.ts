import {
  addJoinedToken,
  addToken,
  createVocabulary,
  sealVocabulary,
  type TokenVocabulary,
} from './token-vocabulary.js';
import { tokenKey, type WeightedTokens, weighName } from './token-weights.js';
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
  surname: boolean[];
  initial: boolean[];
  commonSurname: boolean[];
  /** Adjacent tokens written as one word ("reyes magana" as `reyesmagana`), see `joinedSpans`. */
  joins: JoinedTokens[];
  totalWeight: number;
  maxWeight: number;
}

/** Consecutive tokens of a name written together: vocabulary token `id` stands for tokens `first`..`first + span - 1`. */
interface JoinedTokens {
  id: number;
  first: number;
  span: number;
}

/**
 * The ways consecutive tokens of a name can be written as one word: every adjacent pair
 * ("reyes magana" -> `reyesmagana`, "al hassan" -> `alhassan`) and a particle with both its
 * neighbours ("abd al rahman" -> `abdalrahman`), and the whole surname. Initials are never joined.
 */
export function joinedSpans(
  name: Pick<WeightedTokens, 'tokens' | 'particle' | 'initial' | 'surname'>,
  acrossRoles = false,
): { text: string; first: number; span: number }[] {
  const { tokens, particle, initial, surname } = name;
  const spans: { text: string; first: number; span: number }[] = [];
  const add = (first: number, span: number) => {
    if (span < 2 || initial.slice(first, first + span).includes(true)) return;
    if (spans.some((s) => s.first === first && s.span === span)) return;
    spans.push({ text: tokens.slice(first, first + span).join(''), first, span });
  };
  // In a list name never across the border of given names and surname: nobody writes
  // "Arturolicon". A query's roles are only guessed (its last token), so there they may be crossed.
  const sameRole = (first: number, span: number) =>
    acrossRoles || surname.slice(first, first + span).every((s) => s === surname[first]);
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (sameRole(i, 2)) add(i, 2);
    if (particle[i + 1] && i + 2 < tokens.length && sameRole(i, 3)) add(i, 3);
  }
  // The whole surname, however many words ("Suleimanhamadalhablain").
  const firstSurname = surname.indexOf(true);
  if (firstSurname >= 0) add(firstSurname, tokens.length - firstSurname);
  return spans;
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
  /**
   * Query token -> its similar vocabulary tokens (see `prepareQueryName`), for tokens that come
   * again (common names do); cleared when it reaches LOOKUP_MEMO_LIMIT. The maps are never changed.
   */
  lookups: Map<string, Map<number, number>>;
  /** Per-name scratch space reused by every `screen` call (screening is synchronous). */
  scratch: { lastHit: Int32Array; hitWeight: Float64Array; hitCount: Uint16Array; closeCount: Uint16Array };
}

/** The heaviest token or joined word of a name: a joined word covers several tokens at once. */
function heaviestCover(weights: readonly number[], joins: readonly JoinedTokens[]): number {
  let max = 0;
  for (const w of weights) max = Math.max(max, w);
  for (const j of joins) {
    let sum = 0;
    for (let k = j.first; k < j.first + j.span; k++) sum += weights[k] ?? 0;
    max = Math.max(max, sum);
  }
  return max;
}

function addName(index: ScreeningIndex, entry: number, text: string, company: boolean): void {
  const weighed = weighName(text, company);
  if (weighed.tokens.length === 0) return;
  const nameId = index.names.length;
  const tokens = weighed.tokens.map((t) => addToken(index.vocabulary, t));
  const joins = joinedSpans(weighed).map((j) => ({
    id: addJoinedToken(index.vocabulary, j.text),
    first: j.first,
    span: j.span,
  }));
  index.names.push({
    entry,
    text,
    tokens,
    weights: weighed.weights,
    distinctive: weighed.distinctive,
    particle: weighed.particle,
    surname: weighed.surname,
    initial: weighed.initial,
    commonSurname: weighed.commonSurname,
    joins,
    totalWeight: weighed.weights.reduce((a, b) => a + b, 0),
    maxWeight: heaviestCover(weighed.weights, joins),
  });
  // A name's ids in order: its own id is the last in a list it was already added to.
  for (const id of [...tokens, ...joins.map((j) => j.id)]) {
    const list = index.postings[id];
    if (!list) index.postings[id] = [nameId];
    else if (list[list.length - 1] !== nameId) list.push(nameId);
  }
  const key = tokenKey(weighed.tokens);
  const same = index.exact.get(key);
  if (same) same.push(nameId);
  else index.exact.set(key, [nameId]);
}

function emptyIndex(entries: readonly ListEntry[]): ScreeningIndex {
  return {
    entries,
    names: [],
    vocabulary: createVocabulary(),
    postings: [],
    exact: new Map(),
    lookups: new Map(),
    scratch: {
      lastHit: new Int32Array(0),
      hitWeight: new Float64Array(0),
      hitCount: new Uint16Array(0),
      closeCount: new Uint16Array(0),
    },
  };
}

function addEntry(index: ScreeningIndex, entry: ListEntry, position: number): void {
  const company = entry.subject !== 'individual';
  addName(index, position, entry.name, company);
  for (const alias of entry.aliases) addName(index, position, alias.name, company);
}

function seal(index: ScreeningIndex): ScreeningIndex {
  sealVocabulary(index.vocabulary);
  const size = index.names.length;
  index.scratch = {
    lastHit: new Int32Array(size).fill(-1),
    hitWeight: new Float64Array(size),
    hitCount: new Uint16Array(size),
    closeCount: new Uint16Array(size),
  };
  return index;
}

/**
 * Builds the search index over the entries of one or more lists (SL, BL and PEP entries may be
 * mixed; each keeps its own `listType`). Entries are kept by reference, not copied.
 */
export function buildScreeningIndex(entries: readonly ListEntry[]): ScreeningIndex {
  const index = emptyIndex(entries);
  entries.forEach((entry, position) => {
    addEntry(index, entry, position);
  });
  return seal(index);
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `buildScreeningIndex` that hands the event loop back every `yieldEvery` entries (default 200,
 * a few milliseconds of work), so that a server building one tenant's index keeps answering
 * everyone else's requests meanwhile.
 */
export async function buildScreeningIndexAsync(
  entries: readonly ListEntry[],
  options: { yieldEvery?: number } = {},
): Promise<ScreeningIndex> {
  const every = Math.max(1, options.yieldEvery ?? 200);
  const index = emptyIndex(entries);
  for (let position = 0; position < entries.length; position++) {
    const entry = entries[position];
    if (entry) addEntry(index, entry, position);
    if ((position + 1) % every === 0) await yieldToEventLoop();
  }
  return seal(index);
}
