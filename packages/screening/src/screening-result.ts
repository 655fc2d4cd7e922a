import { findBirthdate } from './dob.js';
import type { ListEntry, ScreeningMatch, ScreeningResult } from './types.js';

/** The best name of one entry that the query matched. */
export interface EntryHit {
  /** The matched name as the list writes it. */
  text: string;
  exact: boolean;
  score: number;
}

const LIST_PRIORITY = { SL: 0, BL: 1, PEP: 2 } as const;

/**
 * The traffic light of one matched entry: RED for the same name and, for a person, a birthdate
 * the entry allows; YELLOW otherwise. `birthdate` is the query's (undefined when not given).
 */
export function toMatch(
  entry: ListEntry,
  hit: EntryHit,
  birthdate: string | undefined,
  company: boolean,
): ScreeningMatch {
  const found = birthdate === undefined ? undefined : findBirthdate(entry.birthdates, birthdate);
  let comparison: ScreeningMatch['birthdate'] = 'not-applicable';
  if (!company)
    comparison = found
      ? 'match'
      : birthdate === undefined || entry.birthdates.length === 0
        ? 'unknown'
        : 'differs';
  const match: ScreeningMatch = {
    trafficLight: hit.exact && (company || comparison === 'match') ? 'RED' : 'YELLOW',
    listType: entry.listType,
    entryId: entry.id,
    entryName: entry.name,
    matchedName: hit.text,
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

/** The overall result: the most severe match decides the traffic light and the hit type. */
export function toResult(unordered: ScreeningMatch[], maxMatches: number): ScreeningResult {
  const matches = unordered.sort(bySeverity).slice(0, maxMatches);
  const top = matches[0];
  if (!top) return { trafficLight: 'GREEN', manualReview: false, details: [], score: 0, matches: [] };
  return {
    trafficLight: top.trafficLight,
    hitType: top.listType,
    manualReview: true,
    details: matches.map((m) =>
      m.listBirthdate?.exact
        ? { name: m.matchedName, birthdate: m.listBirthdate.from }
        : { name: m.matchedName },
    ),
    score: Math.max(...matches.map((m) => m.score)),
    matches,
  };
}
