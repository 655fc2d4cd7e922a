import type { PreparedName } from './name-score.js';
import type { ScreeningIndex } from './screening-index.js';

/** A name that holds a token similar to a blocking query token. */
export interface Candidate {
  name: number;
  /**
   * Sum of the weights of the query tokens that may pair with a token of the name: the blocking
   * ones that found a similar token there, and, not looked up, all the others.
   */
  hitWeight: number;
  /** How many query tokens that is. */
  hits: number;
  /**
   * Every blocking query token found a token at least CLOSE_HIT alike in the name: only then can
   * the name be an exact or partial match, which the score ceiling would not see.
   */
  closelyHit: boolean;
}

/** The similarity from which a pair of long tokens is close (see `isClose` in name-score.ts). */
const CLOSE_HIT = 0.85;

/**
 * The blocking step: only names holding a token similar to a blocking query token (see
 * `blockingTokens`) are looked at, through the token postings instead of a scan of every name.
 */
export function collectCandidates(index: ScreeningIndex, query: PreparedName): Candidate[] {
  const { lastHit, hitWeight, hitCount, closeCount } = index.scratch;
  const blocking = query.blocking.length;
  const touched: number[] = [];
  let otherWeight = 0;
  let others = 0;
  query.similar.forEach((similar, i) => {
    const weight = query.weights[i] ?? 0;
    if (!query.blocking.includes(i)) {
      otherWeight += weight;
      others++;
      return;
    }
    // Close tokens first, so that a name reached through one counts as closely hit for this token.
    for (const close of [true, false]) {
      for (const [tokenId, sim] of similar) {
        if (sim >= CLOSE_HIT !== close) continue;
        for (const name of index.postings[tokenId] ?? []) {
          if (lastHit[name] === i) continue;
          if (lastHit[name] === -1) touched.push(name);
          lastHit[name] = i;
          hitWeight[name] = (hitWeight[name] ?? 0) + weight;
          hitCount[name] = (hitCount[name] ?? 0) + 1;
          if (close) closeCount[name] = (closeCount[name] ?? 0) + 1;
        }
      }
    }
  });
  const candidates: Candidate[] = [];
  for (const name of touched) {
    const hits = hitCount[name] ?? 0;
    if (hits >= query.requiredHits) {
      candidates.push({
        name,
        hitWeight: (hitWeight[name] ?? 0) + otherWeight,
        hits: hits + others,
        closelyHit: (closeCount[name] ?? 0) === blocking,
      });
    }
    lastHit[name] = -1;
    hitWeight[name] = 0;
    hitCount[name] = 0;
    closeCount[name] = 0;
  }
  return candidates;
}

/**
 * Which query tokens find the candidates, and how many of them a candidate must hold. Nothing is
 * lost by leaving the others out: exact matches come from their key, and a fuzzy match must pass
 * the common-name guard of `scoreName`. With distinctive tokens in the query one of them must
 * agree, so they suffice; without, every non-particle token must agree, so a candidate must hold
 * all of them. Particles and common given names alone would bring in thousands of names.
 */
export function blockingTokens(query: Omit<PreparedName, 'blocking' | 'requiredHits'>): {
  blocking: number[];
  requiredHits: number;
} {
  const distinctive = query.tokens.flatMap((_, i) => (query.distinctive[i] ? [i] : []));
  if (distinctive.length > 0) return { blocking: distinctive, requiredHits: 1 };
  const names = query.tokens.flatMap((_, i) => (query.particle[i] || query.initial[i] ? [] : [i]));
  return { blocking: names, requiredHits: names.length === 0 ? Number.POSITIVE_INFINITY : names.length };
}
