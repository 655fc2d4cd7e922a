import { type ScreenOptions, screen } from '../screen.js';
import type { ScreeningIndex } from '../screening-index.js';
import type { ScreeningResult } from '../types.js';
import type { LabelledQuery } from './labelled-set.js';

export interface CategoryFigures {
  queries: number;
  /** Queries that came out RED or YELLOW. */
  flagged: number;
  red: number;
  /** Positives whose own entry was among the matches. */
  found: number;
}

export interface QualityReport {
  /** Correct flags / all flags. A flag for a positive query that misses its entry counts as false. */
  precision: number;
  /** Positives flagged with their own entry among the matches / all positives. */
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  byCategory: Record<string, CategoryFigures>;
  /** The wrongly screened queries, for looking into. */
  mistakes: { labelled: LabelledQuery; result: ScreeningResult }[];
}

/** Screens every labelled query and counts how often the traffic light was right. */
export function evaluateScreening(
  index: ScreeningIndex,
  set: readonly LabelledQuery[],
  options: ScreenOptions = {},
): QualityReport {
  const report: QualityReport = {
    precision: 0,
    recall: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    byCategory: {},
    mistakes: [],
  };
  for (const labelled of set) {
    const result = screen(index, labelled.query, { maxMatches: 50, ...options });
    const flagged = result.trafficLight !== 'GREEN';
    const found = result.matches.some((m) => `${m.listType}:${m.entryId}` === labelled.expectedEntry);
    const figures = report.byCategory[labelled.category] ?? { queries: 0, flagged: 0, red: 0, found: 0 };
    report.byCategory[labelled.category] = figures;
    figures.queries++;
    if (flagged) figures.flagged++;
    if (result.trafficLight === 'RED') figures.red++;
    if (found) figures.found++;
    if (labelled.expectedEntry !== undefined && found) report.truePositives++;
    else if (flagged || labelled.expectedEntry !== undefined) {
      if (flagged) report.falsePositives++;
      if (labelled.expectedEntry !== undefined) report.falseNegatives++;
      report.mistakes.push({ labelled, result });
    }
  }
  const flaggedRight = report.truePositives + report.falsePositives;
  report.precision = flaggedRight === 0 ? 1 : report.truePositives / flaggedRight;
  report.recall = report.truePositives / Math.max(1, report.truePositives + report.falseNegatives);
  return report;
}
