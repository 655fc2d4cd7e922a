import { beforeAll, describe, expect, it } from 'vitest';
import { loadOfacList } from './load.js';
import { evaluateRealWorld, type RealWorldReport } from './quality/evaluate-real-world.js';
import { listHalf } from './quality/holdout.js';
import {
  buildRealWorldSet,
  DIAGNOSTIC_CATEGORIES,
  REAL_WORLD_CATEGORIES,
  type RealWorldQuery,
} from './quality/real-world-set.js';
import { ofacSnapshot2021Paths } from './sample.js';
import { buildScreeningIndex, type ScreeningIndex } from './screening-index.js';

// The floors the issue sets for an independent labelled set: every positive category found (not
// GREEN) at least 99% of the time, every negative category GREEN at least 98%, exact names RED 99%.
const NOT_GREEN_FLOOR = 0.99;
const GREEN_FLOOR = 0.98;
const RED_FLOOR = 0.99;
const PER_CATEGORY = 150;

let index: ScreeningIndex;
let set: RealWorldQuery[];
let report: RealWorldReport;
beforeAll(async () => {
  index = buildScreeningIndex(await loadOfacList(ofacSnapshot2021Paths()));
  // Positives from the held-out half only: entries no threshold was tuned on.
  set = buildRealWorldSet(index, { half: 'held-out', perCategory: PER_CATEGORY, seed: 20_210_707 });
  report = evaluateRealWorld(index, set);
});

const floored = Object.entries(REAL_WORLD_CATEGORIES).filter(([c]) => !DIAGNOSTIC_CATEGORIES.has(c));

describe('screening names as customers type them (held-out half of the SDN snapshot)', () => {
  it('makes positives from held-out entries only, and enough queries in every category', () => {
    const entries = new Map(index.entries.map((e) => [`${e.listType}:${e.id}`, e]));
    for (const q of set) {
      const source = q.expectedEntry ?? q.sourceEntry;
      const entry = source === undefined ? undefined : entries.get(source);
      if (source !== undefined) expect(entry && listHalf(entry)).toBe('held-out');
    }
    for (const [category] of floored) {
      expect(report.byCategory[category]?.queries ?? 0, category).toBeGreaterThanOrEqual(100);
    }
  });

  it.each(floored)('%s meets its floor', (category, expected) => {
    const figures = report.byCategory[category];
    expect(figures).toBeDefined();
    if (!figures) return;
    const floor = expected === 'GREEN' ? GREEN_FLOOR : NOT_GREEN_FLOOR;
    expect(figures.rate, `${category}: ${JSON.stringify(figures)}`).toBeGreaterThanOrEqual(floor);
    if (expected === 'RED') expect(figures.redRate, category).toBeGreaterThanOrEqual(RED_FLOOR);
  });

  it('names the right entry when it flags a positive', () => {
    for (const [category, expected] of floored) {
      if (expected !== 'GREEN')
        expect(report.byCategory[category]?.precision, category).toBeGreaterThanOrEqual(0.98);
    }
  });

  it('is the same set for the same seed, and another for the other half', () => {
    const again = buildRealWorldSet(index, { half: 'held-out', perCategory: 20, seed: 3 });
    expect(buildRealWorldSet(index, { half: 'held-out', perCategory: 20, seed: 3 })).toEqual(again);
    const tuning = buildRealWorldSet(index, { half: 'tuning', perCategory: 20, seed: 3 });
    const heldOutSources = new Set(again.map((q) => q.expectedEntry).filter(Boolean));
    expect(tuning.some((q) => q.expectedEntry && heldOutSources.has(q.expectedEntry))).toBe(false);
  });
});
