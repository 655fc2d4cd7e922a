import type { PreparedName } from './name-score.js';
import type { ScreeningIndex } from './screening-index.js';
import { similarTokens } from './token-vocabulary.js';
import { weighName } from './token-weights.js';

/** Cuts the query name into weighted tokens and looks up the similar vocabulary tokens of each. */
export function prepareQueryName(index: ScreeningIndex, raw: string, company: boolean): PreparedName {
  const weighed = weighName(raw, company);
  const cache = new Map<string, Map<number, number>>();
  const similar = weighed.tokens.map((token) => {
    let found = cache.get(token);
    if (!found) {
      found = similarTokens(index.vocabulary, token);
      cache.set(token, found);
    }
    return found;
  });
  return { ...weighed, totalWeight: weighed.weights.reduce((a, b) => a + b, 0), similar };
}
