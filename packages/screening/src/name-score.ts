import type { IndexedName } from './screening-index.js';
import type { WeightedTokens } from './token-weights.js';

// A list name often carries middle names or a second surname the customer leaves out,
// so its unmatched tokens cost half of what the query's own unmatched tokens cost.
const UNMATCHED_LIST_TOKEN_COST = 0.5;
// How alike a pair must be to count as agreement for the common-given-name guard.
const GUARD_AGREEMENT = 0.85;

/** A query name cut into weighted tokens, with the similar vocabulary tokens of each. */
export interface PreparedName extends WeightedTokens {
  totalWeight: number;
  /** Per query token: vocabulary token id -> similarity. */
  similar: Map<number, number>[];
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

/**
 * Compares token sets regardless of order: the most similar query/list token pairs are taken
 * first, each token used once (greedy best pairs, as Watchman does), weighted by token weight.
 */
export function scoreName(query: PreparedName, name: IndexedName): NameScore {
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < query.tokens.length; i++) {
    const similar = query.similar[i];
    for (let j = 0; j < name.tokens.length; j++) {
      const sim = similar?.get(name.tokens[j] ?? -1);
      if (sim !== undefined) pairs.push([sim, i, j]);
    }
  }
  pairs.sort((a, b) => b[0] - a[0]);
  const queryPaired: number[] = new Array(query.tokens.length).fill(0);
  const listPaired: number[] = new Array(name.tokens.length).fill(0);
  let agreement = 0;
  let matchedListWeight = 0;
  for (const [sim, i, j] of pairs) {
    if (queryPaired[i] || listPaired[j]) continue;
    queryPaired[i] = sim;
    listPaired[j] = sim;
    const listWeight = name.weights[j] ?? 0;
    agreement += sim * ((query.weights[i] ?? 0) + listWeight);
    matchedListWeight += listWeight;
  }
  const unmatchedList = name.totalWeight - matchedListWeight;
  const total = query.totalWeight + matchedListWeight + UNMATCHED_LIST_TOKEN_COST * unmatchedList;
  const close = (sim: number) => sim >= GUARD_AGREEMENT;
  return {
    score: total > 0 ? agreement / total : 0,
    distinctiveAgreement:
      guardHolds(query, queryPaired.map(close)) && guardHolds(name, listPaired.map(close)),
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
