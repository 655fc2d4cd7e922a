import { collectCandidates } from './candidates.js';
import { parseQueryBirthdate } from './dob.js';
import { classifyName } from './name-match.js';
import { scoreCeiling, scoreName } from './name-score.js';
import { prepareQueryName } from './prepare-query.js';
import type { ScreeningIndex } from './screening-index.js';
import { type EntryHit, toMatch, toResult } from './screening-result.js';
import { tokenKey } from './token-weights.js';
import type { NameMatchKind, ScreeningMatch, ScreeningQuery, ScreeningResult } from './types.js';

/** Name similarity from which a fuzzy match is strong enough for a YELLOW. */
export const DEFAULT_FUZZY_THRESHOLD = 0.88;
export const DEFAULT_MAX_MATCHES = 10;

export interface ScreenOptions {
  /** 0..1, default DEFAULT_FUZZY_THRESHOLD. Lower finds more variants and more false positives. */
  fuzzyThreshold?: number;
  /** Most matches returned, default DEFAULT_MAX_MATCHES. */
  maxMatches?: number;
}

// Which of an entry's matched names speaks for it: the strongest kind of match, then the higher score.
const KIND_RANK: Record<NameMatchKind, number> = { exact: 3, reordered: 2, partial: 1, fuzzy: 0 };

function isBetter(hit: EntryHit, previous: EntryHit | undefined): boolean {
  if (!previous) return true;
  if (hit.needsBirthdate !== previous.needsBirthdate) return previous.needsBirthdate;
  if (hit.kind !== previous.kind) return KIND_RANK[hit.kind] > KIND_RANK[previous.kind];
  return hit.score > previous.score;
}

/**
 * Screens one person (name, optional birthdate YYYY-MM-DD) or company (name) against the index.
 * RED: same normalised name in any token order and, for a person, a birthdate the entry allows.
 * YELLOW: that name match with a missing or different birthdate, or a strong fuzzy match.
 * GREEN: anything else. Persons are compared with individuals only, companies with entities only.
 * Throws TypeError for an empty name and RangeError for a birthdate that is not YYYY-MM-DD.
 */
export function screen(
  index: ScreeningIndex,
  query: ScreeningQuery,
  options: ScreenOptions = {},
): ScreeningResult {
  if (typeof query.name !== 'string' || query.name.trim() === '') {
    throw new TypeError('screen() needs a non-empty name');
  }
  const company = query.kind === 'company';
  const subject = company ? 'entity' : 'individual';
  const birthdate =
    query.kind === 'person' && query.birthdate !== undefined
      ? parseQueryBirthdate(query.birthdate)
      : undefined;
  const threshold = options.fuzzyThreshold ?? DEFAULT_FUZZY_THRESHOLD;
  const prepared = prepareQueryName(index, query.name, company);
  const best = new Map<number, EntryHit>();
  const consider = (nameId: number): void => {
    const name = index.names[nameId];
    if (!name || index.entries[name.entry]?.subject !== subject) return;
    const scored = scoreName(prepared, name, index.vocabulary.tokens);
    const verdict = classifyName(scored, company, threshold);
    if (!verdict) return;
    // Exact and reordered names have the same tokens: as similar as names get.
    const same = verdict.kind === 'exact' || verdict.kind === 'reordered';
    const hit = { ...verdict, text: name.text, score: same ? 1 : scored.score };
    if (isBetter(hit, best.get(name.entry))) best.set(name.entry, hit);
  };
  const seen = new Set<number>();
  // Names with exactly the query's tokens, and names holding a word the query splits in two.
  const sure = [
    ...(index.exact.get(tokenKey(prepared.tokens)) ?? []),
    ...prepared.joins.flatMap((j) => [...j.similar.keys()].flatMap((id) => index.postings[id] ?? [])),
  ];
  for (const nameId of sure) {
    if (seen.has(nameId)) continue;
    seen.add(nameId);
    consider(nameId);
  }
  // Every query token found a closely similar token in the name: an exact or partial match may
  // be there whatever the score ceiling says.
  const allHit = prepared.totalWeight - 1e-9;
  for (const candidate of collectCandidates(index, prepared)) {
    const name = index.names[candidate.name];
    if (!name || seen.has(candidate.name)) continue;
    const maybeWhole = candidate.closelyHit && candidate.hitWeight >= allHit;
    if (!maybeWhole && scoreCeiling(prepared, name, candidate.hitWeight, candidate.hits) < threshold)
      continue;
    consider(candidate.name);
  }
  const matches = [...best].flatMap(([position, hit]): ScreeningMatch[] => {
    const entry = index.entries[position];
    const match = entry && toMatch(entry, hit, birthdate, company);
    return match ? [match] : [];
  });
  return toResult(matches, options.maxMatches ?? DEFAULT_MAX_MATCHES);
}
