import type { NameScore } from './name-score.js';
import type { NameMatchKind } from './types.js';

/** How a query name matched one list name, before birthdates are compared. */
export interface NameVerdict {
  kind: NameMatchKind;
  /**
   * Only a hit when the query's birthdate is one the entry gives as an exact day: a partial match
   * made only of common given names ("Omar Ali" for ALI, Omar Khoury) says too little on its own.
   */
  needsBirthdate: boolean;
}

/**
 * Classifies a scored name:
 * - `exact`: every token on both sides agrees (particles, titles, spacing and hyphens aside), the
 *   query's surname is the list's surname;
 * - `reordered`: the same, but the surname and given names swapped places;
 * - `partial`: every query token agrees exactly with a list token, and the list's surname and one
 *   of its given names are among them (a middle name or patronymic left out);
 * - `fuzzy`: the same with one small error, or a name score >= threshold with the common-name guard.
 * Companies are `exact` or `fuzzy` only. Undefined: no match.
 */
export function classifyName(s: NameScore, company: boolean, threshold: number): NameVerdict | undefined {
  const whole = s.queryCovered && s.listCovered && s.queryNames > 0;
  if (whole && s.inexactPairs === 0) {
    return { kind: company || s.rolesKept ? 'exact' : 'reordered', needsBirthdate: false };
  }
  if (!company && s.queryCovered && s.surnameCovered && s.givenCovered && s.queryNames >= 2) {
    if (s.inexactPairs === 0) return { kind: 'partial', needsBirthdate: !s.distinctivePaired };
    // A typo on top of left-out names: worth a look when a distinctive name is spelled right
    // ("Dmitri Olegovich Karavenov") or the listed birthdate agrees to the day.
    if (s.inexactPairs === 1 && s.distinctivePaired)
      return { kind: 'fuzzy', needsBirthdate: !whole && !s.distinctiveExact };
  }
  // A person's surname alone is not a match: one of the listed given names must agree as well.
  if (!company && !s.givenPaired) return undefined;
  if (s.score >= threshold && s.distinctiveAgreement) return { kind: 'fuzzy', needsBirthdate: false };
  return undefined;
}
