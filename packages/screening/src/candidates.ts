import type { PreparedName } from './name-score.js';
import type { ScreeningIndex } from './screening-index.js';

/** A name that shares at least one similar token with the query. */
export interface Candidate {
  name: number;
  /** Sum of the weights of the query tokens that found a similar token in the name. */
  hitWeight: number;
  /** How many query tokens did. */
  hits: number;
}

/**
 * The blocking step: only names holding a token similar to some query token are looked at,
 * found through the token postings instead of a scan of every name.
 */
export function collectCandidates(index: ScreeningIndex, query: PreparedName): Candidate[] {
  const { lastHit, hitWeight, hitCount } = index.scratch;
  const touched: number[] = [];
  query.similar.forEach((similar, i) => {
    const weight = query.weights[i] ?? 0;
    for (const tokenId of similar.keys()) {
      for (const name of index.postings[tokenId] ?? []) {
        if (lastHit[name] === i) continue;
        if (lastHit[name] === -1) touched.push(name);
        lastHit[name] = i;
        hitWeight[name] = (hitWeight[name] ?? 0) + weight;
        hitCount[name] = (hitCount[name] ?? 0) + 1;
      }
    }
  });
  const candidates = touched.map((name) => {
    const candidate = { name, hitWeight: hitWeight[name] ?? 0, hits: hitCount[name] ?? 0 };
    lastHit[name] = -1;
    hitWeight[name] = 0;
    hitCount[name] = 0;
    return candidate;
  });
  return candidates;
}
