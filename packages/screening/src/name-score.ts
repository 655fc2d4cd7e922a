import type { IndexedName } from './screening-index.js';
import type { WeightedTokens } from './token-weights.js';

// A list name often carries middle names or a second surname the customer leaves out,
// so its unmatched tokens cost half of what the query's own unmatched tokens cost.
const UNMATCHED_LIST_TOKEN_COST = 0.5;
// How alike a pair must be to count as agreement for the common-given-name guard.
const GUARD_AGREEMENT = 0.85;
// A pair of tokens this alike counts as the same token written with a small error.
const CLOSE_SIMILARITY = 0.85;
// Tokens of this length or shorter are close only when spelled alike or transliterations of each
// other (Wei ~ Lei is not a match)...
const SHORT_TOKEN_LENGTH = 4;
const SHORT_CLOSE_SIMILARITY = 0.95;
// ...except the query's surname against a listed surname, where one typing error (Kim/Kam) is
// still worth a person's look.
const SHORT_SURNAME_CLOSE_SIMILARITY = 0.8;
// An initial ("D." for Dmitri) pairs with a given name that starts with it, as a weak pair.
const INITIAL_SIMILARITY = 0.85;

/** A query name cut into weighted tokens, with the similar vocabulary tokens of each. */
export interface PreparedName extends WeightedTokens {
  totalWeight: number;
  /** Per query token: vocabulary token id -> similarity. */
  similar: Map<number, number>[];
  /**
   * Per query token: it may be (part of) the surname. Without a comma that is any token but the
   * first ("Noel Mata Mata"), with one the part before it.
   */
  mayBeSurname: boolean[];
  /** A company's name: no surname, no given names. */
  company: boolean;
  /** Adjacent query tokens that the vocabulary knows written as one word ("abdul rahman"). */
  joins: { first: number; span: number; similar: Map<number, number> }[];
  /** The query tokens whose similar tokens' names are the candidates (see `blockingTokens`). */
  blocking: number[];
  /** How many blocking tokens a candidate must hold a similar token for. */
  requiredHits: number;
}

export interface NameScore {
  /** 0..1: weighted share of both names' tokens that pair up, times how alike each pair is. */
  score: number;
  /**
   * The agreement does not rest on common given names alone, on either side (see `guardHolds`).
   * Without it no fuzzy match is strong: "George Bush" is not "George HABBASH".
   */
  distinctiveAgreement: boolean;
  /** Every query token but particles and titles has a close partner in the list name. */
  queryCovered: boolean;
  /** Every list token but particles and titles has a close partner in the query. */
  listCovered: boolean;
  /** Close pairs whose spellings differ: typos, transliterations, initials. */
  inexactPairs: number;
  /** A surname token of the list name (not a particle) has a close partner. */
  surnameCovered: boolean;
  /** A given name of the list name has a close partner, or the list name has none. */
  givenCovered: boolean;
  /** A given name of the list name has a partner at all, even a weak one, or the list name has none. */
  givenPaired: boolean;
  /** The query's surname (its last token) pairs with the list's surname: roles not swapped. */
  rolesKept: boolean;
  /** Query tokens that are names (not particles, titles or initials). */
  queryNames: number;
  /** A distinctive query token (not a common given name) has a close partner. */
  distinctivePaired: boolean;
  /** A distinctive query token is spelled exactly like its partner. */
  distinctiveExact: boolean;
}

interface Pair {
  sim: number;
  /** First query token and how many it covers (2 or 3 for a join). */
  q: number;
  qSpan: number;
  l: number;
  lSpan: number;
}

/**
 * The common-given-name guard for one side: some distinctive token of it pairs up closely or,
 * for a name made only of common names and particles, every name in it does.
 */
function guardHolds(
  side: { distinctive: readonly boolean[]; particle: readonly boolean[] },
  closely: readonly boolean[],
): boolean {
  if (side.distinctive.includes(true)) return side.distinctive.some((d, i) => d && closely[i]);
  return side.particle.every((p, i) => p || closely[i]);
}

function candidatePairs(query: PreparedName, name: IndexedName, spellings: readonly string[]): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < query.tokens.length; i++) {
    const similar = query.similar[i];
    const queryToken = query.tokens[i] ?? '';
    for (let j = 0; j < name.tokens.length; j++) {
      const listToken = spellings[name.tokens[j] ?? -1] ?? '';
      let sim = similar?.get(name.tokens[j] ?? -1);
      // An initial on either side stands for a given name with that first letter.
      if (sim === undefined && (query.initial[i] || name.initial[j]) && !name.surname[j] && !query.surname[i])
        if (queryToken[0] === listToken[0] && !name.particle[j] && !query.particle[i])
          sim = INITIAL_SIMILARITY;
      if (sim !== undefined) pairs.push({ sim, q: i, qSpan: 1, l: j, lSpan: 1 });
    }
    for (const join of name.joins) {
      const sim = similar?.get(join.id);
      if (sim !== undefined) pairs.push({ sim, q: i, qSpan: 1, l: join.first, lSpan: join.span });
    }
  }
  for (const join of query.joins) {
    for (let j = 0; j < name.tokens.length; j++) {
      const sim = join.similar.get(name.tokens[j] ?? -1);
      if (sim !== undefined) pairs.push({ sim, q: join.first, qSpan: join.span, l: j, lSpan: 1 });
    }
  }
  // Most similar first; at equal similarity the pair that explains more tokens, then the pair
  // whose roles agree (surname with surname), so "S. Said" pairs Said with SA'ID, not with Sa'id.
  const roles = (p: Pair) =>
    Boolean(query.surname[p.q]) === Boolean(name.surname[p.l])
      ? 2
      : Boolean(query.mayBeSurname[p.q]) === Boolean(name.surname[p.l])
        ? 1
        : 0;
  return pairs.sort(
    (a, b) => b.sim - a.sim || b.qSpan + b.lSpan - (a.qSpan + a.lSpan) || roles(b) - roles(a),
  );
}

function anyOf(flags: readonly boolean[], first: number, span: number): boolean {
  for (let k = first; k < first + span; k++) if (flags[k]) return true;
  return false;
}

function anySet(paired: readonly number[], first: number, span: number): boolean {
  for (let k = first; k < first + span; k++) if (paired[k]) return true;
  return false;
}

function isShortPair(
  pair: Pair,
  query: PreparedName,
  name: IndexedName,
  spellings: readonly string[],
): boolean {
  const queryLength = query.tokens[pair.q]?.length ?? 0;
  const listLength = spellings[name.tokens[pair.l] ?? -1]?.length ?? 0;
  return Math.min(queryLength, listLength) <= SHORT_TOKEN_LENGTH && !surnameToSurname(pair, query, name);
}

/** A single-token pair of a query token that may be a surname with a surname token of the list name. */
function surnameToSurname(pair: Pair, query: PreparedName, name: IndexedName): boolean {
  return Boolean(query.mayBeSurname[pair.q] && name.surname[pair.l]);
}

/**
 * Whether a pair is the same token written with at most a small error. Short tokens need the same
 * spelling or transliteration key, except a surname, which may carry one typing error.
 */
function isClose(pair: Pair, query: PreparedName, name: IndexedName, spellings: readonly string[]): boolean {
  if (pair.sim === 1) return true;
  const single = pair.qSpan === 1 && pair.lSpan === 1;
  if (single && (query.initial[pair.q] || name.initial[pair.l])) return pair.sim >= INITIAL_SIMILARITY;
  let queryLength = 0;
  for (let i = pair.q; i < pair.q + pair.qSpan; i++) queryLength += query.tokens[i]?.length ?? 0;
  let listLength = 0;
  for (let j = pair.l; j < pair.l + pair.lSpan; j++)
    listLength += spellings[name.tokens[j] ?? -1]?.length ?? 0;
  if (Math.min(queryLength, listLength) > SHORT_TOKEN_LENGTH) return pair.sim >= CLOSE_SIMILARITY;
  if (pair.sim >= SHORT_CLOSE_SIMILARITY) return true;
  return single && surnameToSurname(pair, query, name) && pair.sim >= SHORT_SURNAME_CLOSE_SIMILARITY;
}

/**
 * Compares token sets regardless of order: the most similar query/list token pairs are taken
 * first, each token used once (greedy best pairs, as Watchman does), weighted by token weight.
 * A token on one side may pair with consecutive tokens of the other written as one word.
 * `spellings` is the vocabulary's token list (`index.vocabulary.tokens`).
 */
export function scoreName(query: PreparedName, name: IndexedName, spellings: readonly string[]): NameScore {
  const queryPaired: number[] = new Array(query.tokens.length).fill(0);
  const listPaired: number[] = new Array(name.tokens.length).fill(0);
  const queryClose: boolean[] = new Array(query.tokens.length).fill(false);
  const listClose: boolean[] = new Array(name.tokens.length).fill(false);
  const taken: { pair: Pair; close: boolean; weight: number; listWeight: number; weak: boolean }[] = [];
  for (const pair of candidatePairs(query, name, spellings)) {
    if (anySet(queryPaired, pair.q, pair.qSpan) || anySet(listPaired, pair.l, pair.lSpan)) continue;
    const close = isClose(pair, query, name, spellings);
    // Short given names that are merely alike (Wei ~ Lei) may be different names: see `weak` below.
    const weak = !close && !query.company && isShortPair(pair, query, name, spellings);
    let weight = 0;
    let listWeight = 0;
    for (let i = pair.q; i < pair.q + pair.qSpan; i++) {
      queryPaired[i] = pair.sim;
      queryClose[i] = close;
      weight += query.weights[i] ?? 0;
    }
    for (let j = pair.l; j < pair.l + pair.lSpan; j++) {
      listPaired[j] = pair.sim;
      listClose[j] = close;
      listWeight += name.weights[j] ?? 0;
    }
    taken.push({ pair, close, weight: weight + listWeight, listWeight, weak });
  }
  const distinctivePaired = query.tokens.some((_, i) => query.distinctive[i] && queryClose[i]);
  // A surname of the list that not millions carry, agreeing closely with a query token that may be the surname.
  const distinctiveSurname = taken.some(({ pair, close }) => {
    if (!close || !anyOf(query.mayBeSurname, pair.q, pair.qSpan)) return false;
    for (let j = pair.l; j < pair.l + pair.lSpan; j++)
      if (name.surname[j] && !name.particle[j] && !name.commonSurname[j]) return true;
    return false;
  });
  let agreement = 0;
  let matchedListWeight = 0;
  let inexactPairs = 0;
  let rolesKept = false;
  let distinctiveExact = false;
  for (const { pair, close, weight, listWeight, weak } of taken) {
    // A weak pair counts only beside a distinctive surname that agrees closely: "Imar PLYSHEUSKI"
    // may be Ihar, "Lei Zhang" is not Wei, "Azi Saleh" is not ASSI, Saleh.
    if (weak && !distinctiveSurname) {
      queryPaired.fill(0, pair.q, pair.q + pair.qSpan);
      listPaired.fill(0, pair.l, pair.l + pair.lSpan);
      continue;
    }
    agreement += pair.sim * weight;
    matchedListWeight += listWeight;
    if (close && pair.sim < 1) inexactPairs++;
    if (pair.sim === 1 && anyOf(query.distinctive, pair.q, pair.qSpan)) distinctiveExact = true;
    if (close && anyOf(query.surname, pair.q, pair.qSpan) && anyOf(name.surname, pair.l, pair.lSpan))
      rolesKept = true;
  }
  const unmatchedList = name.totalWeight - matchedListWeight;
  const total = query.totalWeight + matchedListWeight + UNMATCHED_LIST_TOKEN_COST * unmatchedList;
  const guard = (sim: number) => sim >= GUARD_AGREEMENT;
  const given = name.tokens.flatMap((_, j) => (!name.surname[j] && !name.particle[j] ? [j] : []));
  return {
    score: total > 0 ? agreement / total : 0,
    distinctiveAgreement:
      guardHolds(query, queryPaired.map(guard)) && guardHolds(name, listPaired.map(guard)),
    queryCovered: query.tokens.every((_, i) => query.particle[i] || queryClose[i]),
    listCovered: name.tokens.every((_, j) => name.particle[j] || listClose[j]),
    inexactPairs,
    surnameCovered: name.tokens.some((_, j) => name.surname[j] && !name.particle[j] && listClose[j]),
    // An initial in the list ("ALQAHTANI, Saud S") covers the given names only when they all are initials.
    givenCovered:
      given.length === 0 ||
      given.some((j) => listClose[j] && (!name.initial[j] || given.every((g) => name.initial[g]))),
    givenPaired: given.length === 0 || given.some((j) => (listPaired[j] ?? 0) > 0),
    rolesKept,
    queryNames: query.tokens.filter((_, i) => !query.particle[i] && !query.initial[i]).length,
    distinctivePaired,
    distinctiveExact,
  };
}

/**
 * The highest score `scoreName` could give a name of which `hitWeight` of the query's weight
 * found a similar token: lets `screen` skip names that cannot reach the threshold.
 */
export function scoreCeiling(
  query: PreparedName,
  name: IndexedName,
  hitWeight: number,
  hits: number,
): number {
  const listMatched = Math.min(name.totalWeight, hits * name.maxWeight);
  const unmatchedList = name.totalWeight - listMatched;
  return (
    (hitWeight + listMatched) / (query.totalWeight + listMatched + UNMATCHED_LIST_TOKEN_COST * unmatchedList)
  );
}
