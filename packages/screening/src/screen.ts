import { collectCandidates } from './candidates.js';
import { findBirthdate, parseQueryBirthdate } from './dob.js';
import { scoreCeiling, scoreName } from './name-score.js';
import { prepareQueryName } from './prepare-query.js';
import type { ScreeningIndex } from './screening-index.js';
import { tokenKey } from './token-weights.js';
import type { ListEntry, ScreeningMatch, ScreeningQuery, ScreeningResult } from './types.js';

/** Name similarity from which a fuzzy match is strong enough for a YELLOW. */
export const DEFAULT_FUZZY_THRESHOLD = 0.88;
export const DEFAULT_MAX_MATCHES = 10;

export interface ScreenOptions {
  /** 0..1, default DEFAULT_FUZZY_THRESHOLD. Lower finds more variants and more false positives. */
  fuzzyThreshold?: number;
  /** Most matches returned, default DEFAULT_MAX_MATCHES. */
  maxMatches?: number;
}

const LIST_PRIORITY = { SL: 0, BL: 1, PEP: 2 } as const;

interface EntryHit {
  name: number;
  exact: boolean;
  score: number;
}

function toMatch(entry: ListEntry, hit: EntryHit, text: string, birthdate: string | undefined, company: boolean) {
  const found = birthdate === undefined ? undefined : findBirthdate(entry.birthdates, birthdate);
  const comparison: ScreeningMatch['birthdate'] = company
    ? 'not-applicable'
    : found
      ? 'match'
      : birthdate === undefined || entry.birthdates.length === 0
        ? 'unknown'
        : 'differs';
  const red = hit.exact && (company || comparison === 'match');
  const match: ScreeningMatch = {
    trafficLight: red ? 'RED' : 'YELLOW',
    listType: entry.listType,
    entryId: entry.id,
    entryName: entry.name,
    matchedName: text,
    nameMatch: hit.exact ? 'exact' : 'fuzzy',
    score: hit.score,
    birthdate: comparison,
  };
  const listBirthdate = company ? undefined : (found ?? entry.birthdates[0]);
  if (listBirthdate) match.listBirthdate = listBirthdate;
  return match;
}

function bySeverity(a: ScreeningMatch, b: ScreeningMatch): number {
  if (a.trafficLight !== b.trafficLight) return a.trafficLight === 'RED' ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  return LIST_PRIORITY[a.listType] - LIST_PRIORITY[b.listType];
}

/**
 * Screens one person (name, optional birthdate YYYY-MM-DD) or company (name) against the index.
 * RED: same normalised name in any token order, and for a person a matching birthdate.
 * YELLOW: that name match with a missing or different birthdate, or a strong fuzzy match.
 * GREEN: anything else. Persons are compared with individuals only, companies with entities only.
 */
export function screen(index: ScreeningIndex, query: ScreeningQuery, options: ScreenOptions = {}): ScreeningResult {
  if (typeof query.name !== 'string' || query.name.trim() === '') {
    throw new TypeError('screen() needs a non-empty name');
  }
  const company = query.kind === 'company';
  const birthdate =
    query.kind === 'person' && query.birthdate !== undefined ? parseQueryBirthdate(query.birthdate) : undefined;
  const threshold = options.fuzzyThreshold ?? DEFAULT_FUZZY_THRESHOLD;
  const prepared = prepareQueryName(index, query.name, company);
  const exactNames = new Set(index.exact.get(tokenKey(prepared.tokens)) ?? []);
  const best = new Map<number, EntryHit>();
  for (const candidate of collectCandidates(index, prepared)) {
    const name = index.names[candidate.name];
    const entry = name ? index.entries[name.entry] : undefined;
    if (!name || entry?.subject !== (company ? 'entity' : 'individual')) continue;
    let hit: EntryHit | undefined;
    if (exactNames.has(candidate.name)) hit = { name: candidate.name, exact: true, score: 1 };
    else if (scoreCeiling(prepared, name, candidate.hitWeight, candidate.hits) >= threshold) {
      const { score, distinctiveAgreement } = scoreName(prepared, name);
      if (score >= threshold && distinctiveAgreement) hit = { name: candidate.name, exact: false, score };
    }
    const previous = best.get(name.entry);
    if (hit && (!previous || (hit.exact && !previous.exact) || (hit.exact === previous.exact && hit.score > previous.score))) {
      best.set(name.entry, hit);
    }
  }
  const matches = [...best]
    .map(([position, hit]) => {
      const entry = index.entries[position] as ListEntry;
      return toMatch(entry, hit, index.names[hit.name]?.text ?? entry.name, birthdate, company);
    })
    .sort(bySeverity)
    .slice(0, options.maxMatches ?? DEFAULT_MAX_MATCHES);
  const top = matches[0];
  if (!top) return { trafficLight: 'GREEN', manualReview: false, details: [], score: 0, matches: [] };
  return {
    trafficLight: top.trafficLight,
    hitType: top.listType,
    manualReview: true,
    details: matches.map((m) =>
      m.listBirthdate?.exact ? { name: m.matchedName, birthdate: m.listBirthdate.from } : { name: m.matchedName },
    ),
    score: Math.max(...matches.map((m) => m.score)),
    matches,
  };
}
