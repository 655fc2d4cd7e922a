import { normalizeName } from '../normalize.js';
import type { ScreeningIndex } from '../screening-index.js';
import type { ListEntry, ScreeningQuery } from '../types.js';
import { COMMON_FIRST_NAMES, COMMON_LAST_NAMES, COMPANY_FORMS, COMPANY_WORDS } from './common-names.js';
import { isOnList } from './on-list.js';
import { pick, type Random, seededRandom, shuffled } from './random.js';
import { misspell, reorder, transliterate } from './variants.js';

export const POSITIVE_CATEGORIES = [
  'exact',
  'reordered',
  'misspelt-1',
  'misspelt-2',
  'transliterated',
] as const;
export const NEGATIVE_CATEGORIES = ['clean-person', 'shared-given-name', 'clean-company'] as const;
export type LabelledCategory = (typeof POSITIVE_CATEGORIES)[number] | (typeof NEGATIVE_CATEGORIES)[number];

export interface LabelledQuery {
  category: LabelledCategory;
  query: ScreeningQuery;
  /** `listType:id` of the entry the query was made from; absent for names on no list. */
  expectedEntry?: string;
}

export interface LabelledSetOptions {
  seed?: number;
  /** Queries per positive category. */
  perVariant?: number;
  /** Queries per negative category. */
  perNegative?: number;
}

const entryKey = (entry: ListEntry): string => `${entry.listType}:${entry.id}`;
const variants = {
  exact: (tokens: string[]) => tokens,
  reordered: reorder,
  'misspelt-1': (tokens: string[], random: Random) => misspell(tokens, 1, random),
  'misspelt-2': (tokens: string[], random: Random) => misspell(tokens, 2, random),
  transliterated: transliterate,
};

function positives(index: ScreeningIndex, random: Random, perVariant: number): LabelledQuery[] {
  const sources = shuffled(random, index.names).filter((n) => {
    const subject = index.entries[n.entry]?.subject;
    return n.tokens.length >= 2 && (subject === 'individual' || subject === 'entity');
  });
  const set: LabelledQuery[] = [];
  let next = 0;
  for (const category of POSITIVE_CATEGORIES) {
    let made = 0;
    while (made < perVariant && next < sources.length) {
      const source = sources[next++];
      const entry = source && index.entries[source.entry];
      if (!source || !entry) continue;
      const person = entry.subject === 'individual';
      const tokens = variants[category](normalizeName(source.text, person).split(' '), random);
      if (!tokens) continue;
      const name = tokens.join(' ');
      const day = entry.birthdates.find((b) => b.exact)?.from;
      const query: ScreeningQuery = person
        ? { kind: 'person', name, ...(day ? { birthdate: day } : {}) }
        : { kind: 'company', name };
      set.push({ category, query, expectedEntry: entryKey(entry) });
      made++;
    }
  }
  return set;
}

function randomDay(random: Random): string {
  const day = new Date(Date.UTC(1940, 0, 1) + Math.floor(random() * 60 * 365.25) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

function negatives(index: ScreeningIndex, random: Random, perNegative: number): LabelledQuery[] {
  const individuals = index.entries.filter((e) => e.subject === 'individual');
  const makers: Record<(typeof NEGATIVE_CATEGORIES)[number], () => ScreeningQuery> = {
    'clean-person': () => ({
      kind: 'person',
      name: `${pick(random, COMMON_FIRST_NAMES)} ${pick(random, COMMON_LAST_NAMES)}`,
      birthdate: randomDay(random),
    }),
    // A listed person's given name with a common surname: the "George Bush" / "George HABBASH" case.
    'shared-given-name': () => ({
      kind: 'person',
      name: `${normalizeName(pick(random, individuals).name).split(' ')[0]} ${pick(random, COMMON_LAST_NAMES)}`,
      birthdate: randomDay(random),
    }),
    'clean-company': () => ({
      kind: 'company',
      name: `${pick(random, COMPANY_WORDS)} ${pick(random, COMPANY_WORDS)} ${pick(random, COMPANY_FORMS)}`,
    }),
  };
  const set: LabelledQuery[] = [];
  for (const category of NEGATIVE_CATEGORIES) {
    const seen = new Set<string>();
    for (let tries = 0; seen.size < perNegative && tries < perNegative * 50; tries++) {
      const query = makers[category]();
      const key = normalizeName(query.name, query.kind === 'person');
      if (seen.has(key) || isOnList(index, query.name, query.kind === 'company')) continue;
      seen.add(key);
      set.push({ category, query });
    }
  }
  return set;
}

/**
 * A labelled query set made from the indexed lists, the same for the same seed: list names
 * (primaries and aliases of two or more tokens) exactly, reordered, with one or two typing errors,
 * and transliterated, plus invented names verified to be on no list.
 */
export function buildLabelledSet(index: ScreeningIndex, options: LabelledSetOptions = {}): LabelledQuery[] {
  const random = seededRandom(options.seed ?? 20_210_707);
  return [
    ...positives(index, random, options.perVariant ?? 200),
    ...negatives(index, random, options.perNegative ?? 300),
  ];
}
