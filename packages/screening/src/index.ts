export { decodeLatin1, parseCsv } from './csv.js';
export { parseBirthdateText, parseRemarksBirthdates } from './dob.js';
export { jaroWinkler } from './jaro-winkler.js';
export { type ListFiles, type LoadListOptions, loadBlackList, loadOfacList } from './load.js';
export { nameTokens, normalizeName } from './normalize.js';
export { type ParseListOptions, parseBlackList, parseOfacCsv } from './ofac.js';
export { type CategoryFigures, evaluateScreening, type QualityReport } from './quality/evaluate.js';
export {
  evaluateRealWorld,
  isRight,
  type RealWorldFigures,
  type RealWorldReport,
} from './quality/evaluate-real-world.js';
export { type ListHalf, listHalf } from './quality/holdout.js';
export {
  buildLabelledSet,
  type LabelledCategory,
  type LabelledQuery,
  type LabelledSetOptions,
  NEGATIVE_CATEGORIES,
  POSITIVE_CATEGORIES,
} from './quality/labelled-set.js';
export { isOnList } from './quality/on-list.js';
export {
  buildRealWorldSet,
  DIAGNOSTIC_CATEGORIES,
  type ExpectedLight,
  REAL_WORLD_CATEGORIES,
  type RealWorldCategory,
  type RealWorldQuery,
  type RealWorldSetOptions,
} from './quality/real-world-set.js';
export { ofacSnapshot2021Paths, sampleListPaths } from './sample.js';
export { DEFAULT_FUZZY_THRESHOLD, DEFAULT_MAX_MATCHES, type ScreenOptions, screen } from './screen.js';
export { queriesOf, type ScreenedProfile, screenAll } from './screen-profile.js';
export { buildScreeningIndex, buildScreeningIndexAsync, type ScreeningIndex } from './screening-index.js';
export { foldTransliteration } from './transliterate.js';
export type * from './types.js';
