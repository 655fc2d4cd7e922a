import { blockingTokens } from './candidates.js';
import type { PreparedName } from './name-score.js';
import type { ScreeningIndex } from './screening-index.js';
import { similarTokens } from './token-vocabulary.js';
import { weighName } from './token-weights.js';
import { PARTICLES } from './vocabulary.js';

function lookUp(index: ScreeningIndex, token: string): Map<number, number> {
  // Particles are too short and too frequent for fuzzy matching to mean anything.
  if (!PARTICLES.has(token)) return similarTokens(index.vocabulary, token);
  const id = index.vocabulary.ids.get(token);
  return id === undefined ? new Map() : new Map([[id, 1]]);
}

/** Cuts the query name into weighted tokens and looks up the similar vocabulary tokens of each. */
export function prepareQueryName(index: ScreeningIndex, raw: string, company: boolean): PreparedName {
  const weighed = weighName(raw, company);
  const cache = new Map<string, Map<number, number>>();
  const similar = weighed.tokens.map((token) => {
    let found = cache.get(token);
    if (!found) {
      found = lookUp(index, token);
      cache.set(token, found);
    }
    return found;
  });
  const prepared = {
    ...weighed,
    totalWeight: weighed.weights.reduce((a, b) => a + b, 0),
    similar,
  };
  return { ...prepared, ...blockingTokens(prepared) };
}
