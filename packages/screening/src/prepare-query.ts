import { blockingTokens } from './candidates.js';
import type { PreparedName } from './name-score.js';
import { joinedSpans, type ScreeningIndex } from './screening-index.js';
import { joinedTokens, sameConsonantTokens, similarTokens } from './token-vocabulary.js';
import { weighName } from './token-weights.js';
import { PARTICLE_EQUIVALENTS, PARTICLES } from './vocabulary.js';

function exactly(index: ScreeningIndex, tokens: readonly string[]): Map<number, number> {
  const found = new Map<number, number>();
  for (const token of tokens) {
    const id = index.vocabulary.ids.get(token);
    if (id !== undefined) found.set(id, 1);
  }
  return found;
}

function lookUp(index: ScreeningIndex, token: string, particle: boolean): Map<number, number> {
  // Initials are compared with given names by their first letter (see `scoreName`), or exactly.
  if (token.length === 1) return exactly(index, [token]);
  // Particles and titles are too short and too frequent for fuzzy matching to mean anything;
  // al-/el-/ul- and bin/ibn/ben are the same particle written differently.
  if (particle) return exactly(index, PARTICLE_EQUIVALENTS.get(token) ?? [token]);
  const found = similarTokens(index.vocabulary, token);
  // A name is never a particle written wrong ("ala" is not `al`): that would bring in every name with al-.
  for (const id of found.keys()) if (PARTICLES.has(index.vocabulary.tokens[id] ?? '')) found.delete(id);
  // The customer may write as one word what the list splits ("Reyesmagana" for REYES MAGANA).
  for (const [id, sim] of joinedTokens(index.vocabulary, token))
    found.set(id, Math.max(sim, found.get(id) ?? 0));
  return found;
}

// Enough for the tokens of many thousands of distinct names; a few MB at most.
const LOOKUP_MEMO_LIMIT = 20_000;

function remembered(index: ScreeningIndex, token: string, particle: boolean): Map<number, number> {
  const key = `${particle ? 'p' : 'n'}:${token}`;
  let found = index.lookups.get(key);
  if (!found) {
    found = lookUp(index, token, particle);
    if (index.lookups.size >= LOOKUP_MEMO_LIMIT) index.lookups.clear();
    index.lookups.set(key, found);
  }
  return found;
}

/** Cuts the query name into weighted tokens and looks up the similar vocabulary tokens of each. */
export function prepareQueryName(index: ScreeningIndex, raw: string, company: boolean): PreparedName {
  const weighed = weighName(raw, company);
  const similar = weighed.tokens.map((token, i) => remembered(index, token, weighed.particle[i] ?? false));
  // The customer may split what the list writes as one word ("Abdul Rahman" for ABDULRAHMAN).
  const joins = joinedSpans(weighed, true).flatMap((j) => {
    // Written without vowels, two tokens may be one listed name's consonants ("nsr llh": NASRALLAH).
    const spelled = exactly(index, [j.text]);
    const found = spelled.size > 0 ? spelled : sameConsonantTokens(index.vocabulary, j.text);
    return found.size > 0 ? [{ first: j.first, span: j.span, similar: found }] : [];
  });
  const hasComma = raw.includes(',');
  const prepared = {
    ...weighed,
    company,
    mayBeSurname: weighed.tokens.map((_, i) => !company && (weighed.surname[i] || (!hasComma && i > 0))),
    totalWeight: weighed.weights.reduce((a, b) => a + b, 0),
    similar,
    joins,
  };
  return { ...prepared, ...blockingTokens(prepared) };
}
