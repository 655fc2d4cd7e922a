import { type ScreenOptions, screen } from '../screen.js';
import type { ScreeningIndex } from '../screening-index.js';
import type { ScreeningResult } from '../types.js';
import type { ExpectedLight, RealWorldQuery } from './real-world-set.js';

export interface RealWorldFigures {
  expected: ExpectedLight;
  queries: number;
  red: number;
  yellow: number;
  green: number;
  /** Queries screened as their category expects (see `isRight`). */
  right: number;
  /**
   * Positives (RED / NOT_GREEN): right / queries, the share of listed people found.
   * Negatives (GREEN): right / queries as well, the share correctly left GREEN.
   */
  rate: number;
  /** Positives: flags that name the source entry / all flags (a flag on another entry only is wrong). */
  precision: number;
  /** Categories expecting RED: RED / queries. */
  redRate: number;
}

export interface RealWorldReport {
  byCategory: Record<string, RealWorldFigures>;
  mistakes: { labelled: RealWorldQuery; result: ScreeningResult }[];
}

const has = (result: ScreeningResult, entry: string | undefined): boolean =>
  entry !== undefined && result.matches.some((m) => `${m.listType}:${m.entryId}` === entry);

/**
 * RED: RED with the source entry among the matches. NOT_GREEN: RED or YELLOW with it among them.
 * GREEN: GREEN or, for a query made from a listed person (`sourceEntry`), that person not matched.
 */
export function isRight(labelled: RealWorldQuery, result: ScreeningResult): boolean {
  if (labelled.expected === 'GREEN')
    return labelled.sourceEntry ? !has(result, labelled.sourceEntry) : result.trafficLight === 'GREEN';
  if (!has(result, labelled.expectedEntry)) return false;
  return labelled.expected === 'RED' ? result.trafficLight === 'RED' : result.trafficLight !== 'GREEN';
}

/** Screens every query of a real-world set and reports, per category, how often it came out right. */
export function evaluateRealWorld(
  index: ScreeningIndex,
  set: readonly RealWorldQuery[],
  options: ScreenOptions = {},
): RealWorldReport {
  const byCategory: Record<string, RealWorldFigures & { flaggedOwn: number; flagged: number }> = {};
  const mistakes: RealWorldReport['mistakes'] = [];
  for (const labelled of set) {
    const result = screen(index, labelled.query, { maxMatches: 50, ...options });
    const f = byCategory[labelled.category] ?? {
      expected: labelled.expected,
      queries: 0,
      red: 0,
      yellow: 0,
      green: 0,
      right: 0,
      rate: 0,
      precision: 1,
      redRate: 0,
      flaggedOwn: 0,
      flagged: 0,
    };
    byCategory[labelled.category] = f;
    f.queries++;
    if (result.trafficLight === 'RED') f.red++;
    else if (result.trafficLight === 'YELLOW') f.yellow++;
    else f.green++;
    if (result.trafficLight !== 'GREEN') {
      f.flagged++;
      if (has(result, labelled.expectedEntry)) f.flaggedOwn++;
    }
    if (isRight(labelled, result)) f.right++;
    else mistakes.push({ labelled, result });
  }
  const report: RealWorldReport = { byCategory: {}, mistakes };
  for (const [category, { flaggedOwn, flagged, ...f }] of Object.entries(byCategory)) {
    report.byCategory[category] = {
      ...f,
      rate: f.right / f.queries,
      precision: f.expected === 'GREEN' ? Number.NaN : flagged === 0 ? 1 : flaggedOwn / flagged,
      redRate: f.red / f.queries,
    };
  }
  return report;
}
