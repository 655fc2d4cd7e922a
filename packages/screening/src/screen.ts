import { collectCandidates } from './candidates.js';
import { parseQueryBirthdate } from './dob.js';
import { scoreCeiling, scoreName } from './name-score.js';
import { prepareQueryName } from './prepare-query.js';
import type { ScreeningIndex } from './screening-index.js';
import { type EntryHit, toMatch, toResult } from './screening-result.js';
import { tokenKey } from './token-weights.js';
import type { ScreeningQuery, ScreeningResult } from './types.js';

/** Name similarity from which a fuzzy match is strong enough for a YELLOW. */
export const DEFAULT_FUZZY_THRESHOLD = 0.88;
export const DEFAULT_MAX_MATCHES = 10;

export interface ScreenOptions {
  /** 0..1, default DEFAULT_FUZZY_THRESHOLD. Lower finds more variants and more false positives. */
  fuzzyThreshold?: number;
  /** Most matches returned, default DEFAULT_MAX_MATCHES. */
  maxMatches?: number;
}

function isBetter(hit: EntryHit, previous: EntryHit | undefined): boolean {
  if (!previous) return true;
  if (hit.exact !== previous.exact) return hit.exact;
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
  const keep = (nameId: number, exact: boolean, score: number): void => {
    const name = index.names[nameId];
    if (!name || index.entries[name.entry]?.subject !== subject) return;
    const hit = { text: name.text, exact, score };
    if (isBetter(hit, best.get(name.entry))) best.set(name.entry, hit);
  };
  const exactNames = index.exact.get(tokenKey(prepared.tokens)) ?? [];
  for (const nameId of exactNames) keep(nameId, true, 1);
  for (const candidate of collectCandidates(index, prepared)) {
    const name = index.names[candidate.name];
    if (!name || exactNames.includes(candidate.name)) continue;
    if (scoreCeiling(prepared, name, candidate.hitWeight, candidate.hits) < threshold) continue;
    const { score, distinctiveAgreement } = scoreName(prepared, name);
    if (score >= threshold && distinctiveAgreement) keep(candidate.name, false, score);
  }
  const matches = [...best].flatMap(([position, hit]) => {
    const entry = index.entries[position];
    return entry ? [toMatch(entry, hit, birthdate, company)] : [];
  });
  return toResult(matches, options.maxMatches ?? DEFAULT_MAX_MATCHES);
}
