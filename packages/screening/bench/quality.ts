// Precision and recall of screening on a labelled set made from the 2021 OFAC SDN snapshot.
// Run after `build`: `node bench/quality.ts [seed]`. The same seed gives the same set and figures.
import {
  buildLabelledSet,
  buildScreeningIndex,
  evaluateScreening,
  loadOfacList,
  ofacSnapshot2021Paths,
} from '@wallet/screening';

const RECALL_FLOOR = 0.95;
const PRECISION_FLOOR = 0.98;
const MISTAKES_SHOWN = 15;

// The 2021 OFAC SDN snapshot vendored in the package's data folder.
const snapshotPaths = ofacSnapshot2021Paths();
const snapshot = (file: 'sdn.csv' | 'alt.csv'): string =>
  file === 'sdn.csv' ? snapshotPaths.sdnPath : snapshotPaths.altPath;
const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const pct = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;

const seed = Number(process.argv[2] ?? 20_210_707);
const entries = await loadOfacList({ sdnPath: snapshot('sdn.csv'), altPath: snapshot('alt.csv') });
const index = buildScreeningIndex(entries);
const set = buildLabelledSet(index, { seed });
const report = evaluateScreening(index, set);

const positives = set.filter((l) => l.expectedEntry !== undefined);
const persons = positives.filter((l) => l.query.kind === 'person');
const withBirthdate = persons.filter((l) => l.query.kind === 'person' && l.query.birthdate !== undefined);
print(`labelled set: ${set.length} queries (seed ${seed}), index of ${index.names.length} names and aliases`);
print(
  `positives: ${positives.length} (${persons.length} persons, ${withBirthdate.length} of them with the listed ` +
    `birthdate; ${positives.length - persons.length} companies); negatives: ${set.length - positives.length}`,
);
print('category            queries  flagged     RED    own entry found');
for (const [category, f] of Object.entries(report.byCategory)) {
  const found =
    set.find((l) => l.category === category)?.expectedEntry === undefined ? '-' : pct(f.found, f.queries);
  print(
    `${category.padEnd(18)} ${String(f.queries).padStart(8)} ${pct(f.flagged, f.queries).padStart(8)} ` +
      `${pct(f.red, f.queries).padStart(7)} ${found.padStart(18)}`,
  );
}
print(
  `true positives ${report.truePositives}, false positives ${report.falsePositives}, false negatives ${report.falseNegatives}`,
);
print(
  `precision: ${report.precision.toFixed(4)} (floor ${PRECISION_FLOOR}: ${(report.precision / PRECISION_FLOOR).toFixed(3)}x)`,
);
print(
  `recall:    ${report.recall.toFixed(4)} (floor ${RECALL_FLOOR}: ${(report.recall / RECALL_FLOOR).toFixed(3)}x)`,
);
print(`first ${MISTAKES_SHOWN} mistakes:`);
for (const { labelled, result } of report.mistakes.slice(0, MISTAKES_SHOWN)) {
  const top = result.matches[0];
  const got = top
    ? `${result.trafficLight} ${top.matchedName} (${top.score.toFixed(3)})`
    : result.trafficLight;
  print(
    `  ${labelled.category}: "${labelled.query.name}" expected ${labelled.expectedEntry ?? 'GREEN'}, got ${got}`,
  );
}
if (report.precision < PRECISION_FLOOR || report.recall < RECALL_FLOOR) {
  print('FLOOR MISSED');
  process.exitCode = 1;
}
