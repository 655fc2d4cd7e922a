import { beforeAll, describe, expect, it } from 'vitest';
import { loadOfacList } from './load.js';
import { evaluateScreening, type QualityReport } from './quality/evaluate.js';
import { buildLabelledSet, type LabelledQuery } from './quality/labelled-set.js';
import { ofacSnapshot2021Paths } from './sample.js';
import { screen } from './screen.js';
import { buildScreeningIndex, type ScreeningIndex } from './screening-index.js';

// The 2021 OFAC SDN snapshot vendored in the package's data folder.
const snapshotPaths = ofacSnapshot2021Paths();
const snapshot = (file: 'sdn.csv' | 'alt.csv'): string =>
  file === 'sdn.csv' ? snapshotPaths.sdnPath : snapshotPaths.altPath;

// Floors sit below the measured figures (precision 0.997, recall 0.988 for this seed) with a margin.
const PRECISION_FLOOR = 0.98;
const RECALL_FLOOR = 0.95;

let index: ScreeningIndex;
let set: LabelledQuery[];
let report: QualityReport;
beforeAll(async () => {
  index = buildScreeningIndex(
    await loadOfacList({ sdnPath: snapshot('sdn.csv'), altPath: snapshot('alt.csv') }),
  );
  set = buildLabelledSet(index, { seed: 20_210_707 });
  report = evaluateScreening(index, set);
});

const share = (category: string, key: 'flagged' | 'found' | 'red') => {
  const figures = report.byCategory[category];
  return figures ? figures[key] / figures.queries : Number.NaN;
};

describe('screening quality on a labelled set from the SDN snapshot', () => {
  it('holds 200 of each kind of list-name variant and 300 of each kind of clean name', () => {
    const counts = Object.fromEntries(Object.entries(report.byCategory).map(([c, f]) => [c, f.queries]));
    expect(counts).toEqual({
      exact: 200,
      reordered: 200,
      'misspelt-1': 200,
      'misspelt-2': 200,
      transliterated: 200,
      'clean-person': 300,
      'shared-given-name': 300,
      'clean-company': 300,
    });
  });

  it('is the same set for the same seed', async () => {
    const index = buildScreeningIndex(await loadOfacList({ sdnPath: snapshot('sdn.csv') }));
    const a = buildLabelledSet(index, { seed: 5, perVariant: 20, perNegative: 20 });
    const b = buildLabelledSet(index, { seed: 5, perVariant: 20, perNegative: 20 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(buildLabelledSet(index, { seed: 6, perVariant: 20, perNegative: 20 }));
  });

  it(`reaches precision >= ${PRECISION_FLOOR} and recall >= ${RECALL_FLOOR}`, () => {
    expect(report.precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(report.recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });

  it('finds every exact and reordered name: RED with a birthdate or for a company, else YELLOW', () => {
    expect(share('exact', 'found')).toBe(1);
    expect(share('reordered', 'found')).toBe(1);
    const exact = set.filter((l) => l.category === 'exact' || l.category === 'reordered');
    const lights = exact.map((l) => screen(index, l.query).trafficLight);
    const expected = exact.map((l) => (l.query.kind === 'company' || l.query.birthdate ? 'RED' : 'YELLOW'));
    expect(lights).toEqual(expected);
    expect(expected.filter((light) => light === 'RED').length).toBeGreaterThan(300);
  });

  it('finds misspelt and transliterated names', () => {
    expect(share('misspelt-1', 'found')).toBeGreaterThanOrEqual(0.95);
    expect(share('misspelt-2', 'found')).toBeGreaterThanOrEqual(0.9);
    expect(share('transliterated', 'found')).toBeGreaterThanOrEqual(0.95);
  });

  it('rarely flags names that are on no list', () => {
    expect(share('clean-person', 'flagged')).toBeLessThanOrEqual(0.02);
    expect(share('shared-given-name', 'flagged')).toBeLessThanOrEqual(0.02);
    expect(share('clean-company', 'flagged')).toBeLessThanOrEqual(0.02);
  });
});
