import { birthdateDistanceDays, findBirthdate } from './dob.js';
import type { NameVerdict } from './name-match.js';
import type { BirthdateComparison, ListEntry, ScreeningMatch, ScreeningResult } from './types.js';

/** The best name of one entry that the query matched. */
export interface EntryHit extends NameVerdict {
  /** The matched name as the list writes it. */
  text: string;
  score: number;
}

const LIST_PRIORITY = { SL: 0, BL: 1, PEP: 2 } as const;
// A birthdate more than this far from every span the entry lists is another person's
// ("contradicts by years"); within it, a typo in the year or a list's rounding.
const CONTRADICTING_DAYS = 366;

function compareBirthdates(entry: ListEntry, birthdate: string | undefined): BirthdateComparison {
  if (birthdate === undefined || entry.birthdates.length === 0) return 'unknown';
  const distance = birthdateDistanceDays(entry.birthdates, birthdate);
  if (distance === 0) return 'match';
  return distance > CONTRADICTING_DAYS ? 'contradicts' : 'differs';
}

/**
 * The traffic light of one matched person entry, or undefined when the birthdate rules it out:
 * - exact name: RED when the birthdate falls in a listed span, YELLOW otherwise (also when it contradicts);
 * - reordered or partial name: RED with the listed exact day (for reordered, any listed span), no
 *   hit when the birthdate contradicts the list by years, YELLOW otherwise;
 * - fuzzy name: YELLOW, no hit when the birthdate contradicts.
 */
function personLight(
  hit: EntryHit,
  comparison: BirthdateComparison,
  exactDay: boolean,
): ScreeningMatch['trafficLight'] | undefined {
  if (hit.needsBirthdate) return comparison === 'match' && exactDay ? 'YELLOW' : undefined;
  if (hit.kind === 'exact') return comparison === 'match' ? 'RED' : 'YELLOW';
  if (comparison === 'contradicts') return undefined;
  if (hit.kind === 'reordered' && comparison === 'match') return 'RED';
  if (hit.kind === 'partial' && comparison === 'match' && exactDay) return 'RED';
  return 'YELLOW';
}

/**
 * The match of one entry, with its traffic light (see `personLight`; a company's exact name is
 * RED, any other name match YELLOW). `birthdate` is the query's (undefined when not given).
 */
export function toMatch(
  entry: ListEntry,
  hit: EntryHit,
  birthdate: string | undefined,
  company: boolean,
): ScreeningMatch | undefined {
  const found = birthdate === undefined ? undefined : findBirthdate(entry.birthdates, birthdate);
  const comparison = company ? 'not-applicable' : compareBirthdates(entry, birthdate);
  const light = company
    ? hit.kind === 'exact'
      ? 'RED'
      : 'YELLOW'
    : personLight(hit, comparison, found?.exact ?? false);
  if (!light) return undefined;
  const match: ScreeningMatch = {
    trafficLight: light,
    listType: entry.listType,
    entryId: entry.id,
    entryName: entry.name,
    matchedName: hit.text,
    nameMatch: hit.kind,
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
