import type { IndexedName } from './screening-index.js';

// A list name often carries middle names or a second surname the customer leaves out,
// so its unmatched tokens cost half of what the query's own unmatched tokens cost.
const UNMATCHED_LIST_TOKEN_COST = 0.5;
// The agreement that must come from a distinctive token (not a common given name or particle).
const DISTINCTIVE_AGREEMENT = 0.85;

/** A query name cut into weighted tokens, with the similar vocabulary tokens of each. */
export interface PreparedName {
  tokens: string[];
  weights: number[];
  distinctive: boolean[];
  totalWeight: number;
  /** Per query token: vocabulary token id -> similarity. */
  similar: Map<number, number>[];
}

export interface NameScore {
  /** 0..1: weighted share of both names' tokens that pair up, times how alike each pair is. */
  score: number;
  /** Some distinctive query token pairs up almost exactly; without it no fuzzy match is strong. */
  distinctiveAgreement: boolean;
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
  const usedQuery = new Set<number>();
  const usedList = new Set<number>();
  let agreement = 0;
  let matchedListWeight = 0;
  let distinctiveAgreement = false;
  for (const [sim, i, j] of pairs) {
    if (usedQuery.has(i) || usedList.has(j)) continue;
    usedQuery.add(i);
    usedList.add(j);
    const listWeight = name.weights[j] ?? 0;
    const K = (globalThis as any).K ?? {};
    const eff = K.lo ? Math.max(0, (sim - K.lo) / (1 - K.lo)) : sim;
    agreement += eff * ((query.weights[i] ?? 0) + listWeight);
    matchedListWeight += listWeight;
    if (sim >= DISTINCTIVE_AGREEMENT && query.distinctive[i]) distinctiveAgreement = true;
  }
  const unmatchedList = name.totalWeight - matchedListWeight;
  const total = query.totalWeight + matchedListWeight + UNMATCHED_LIST_TOKEN_COST * unmatchedList;
  return { score: total > 0 ? agreement / total : 0, distinctiveAgreement };
}

/**
 * The highest score `scoreName` could give a name of which `hitWeight` of the query's weight
 * found a similar token: lets `screen` skip names that cannot reach the threshold.
 */
export function scoreCeiling(query: PreparedName, name: IndexedName, hitWeight: number, hits: number): number {
  const listMatched = Math.min(name.totalWeight, hits * name.maxWeight);
  const unmatchedList = name.totalWeight - listMatched;
  return (
    (hitWeight + listMatched) /
    (query.totalWeight + listMatched + UNMATCHED_LIST_TOKEN_COST * unmatchedList)
  );
}
