import { personNameParts } from '../normalize.js';
import type { ScreeningIndex } from '../screening-index.js';
import { foldTransliteration } from '../transliterate.js';
import type { ListEntry, ScreeningQuery } from '../types.js';
import { PARTICLES, PERSON_TITLES } from '../vocabulary.js';
import { type ListHalf, listHalf } from './holdout.js';
import { pick, type Random, seededRandom, shuffled } from './random.js';
import { toCyrillic, withDiacritics } from './script-variants.js';
import { WORLD_NAMES } from './world-names.js';

/**
 * Categories reported but held to no floor: they measure the matcher against the generator's own
 * list of common surnames (`WORLD_NAMES`), which the matcher's list (`COMMON_SURNAMES`) does not
 * and should not copy. See the package README.
 */
export const DIAGNOSTIC_CATEGORIES: ReadonlySet<string> = new Set(['short-given-common-surname']);

/** What a category's queries must come out as. `NOT_GREEN`: RED or YELLOW with the source entry among the matches. */
export type ExpectedLight = 'RED' | 'NOT_GREEN' | 'GREEN';

/**
 * Categories of names as customers type them, each made from listed individuals (positives) or
 * from names no listed person carries (negatives). See the package README for each one.
 */
export const REAL_WORLD_CATEGORIES = {
  'exact-dob': 'RED',
  'list-order': 'RED',
  swapped: 'NOT_GREEN',
  'no-dob': 'NOT_GREEN',
  aka: 'NOT_GREEN',
  'middle-omitted': 'NOT_GREEN',
  'vowel-typo': 'NOT_GREEN',
  'joined-surname': 'NOT_GREEN',
  'al-prefix': 'NOT_GREEN',
  initials: 'NOT_GREEN',
  'title-prefix': 'NOT_GREEN',
  diacritics: 'NOT_GREEN',
  cyrillic: 'NOT_GREEN',
  'exact-other-dob': 'NOT_GREEN',
  'given-other-surname': 'GREEN',
  'common-names': 'GREEN',
  'short-given-common-surname': 'GREEN',
  'partial-other-dob': 'GREEN',
  'typo-other-dob': 'GREEN',
} as const satisfies Record<string, ExpectedLight>;
export type RealWorldCategory = keyof typeof REAL_WORLD_CATEGORIES;

export interface RealWorldQuery {
  category: RealWorldCategory;
  expected: ExpectedLight;
  query: ScreeningQuery & { kind: 'person' };
  /** `listType:id` of the entry a positive was made from: it must be among the matches. */
  expectedEntry?: string;
  /**
   * `listType:id` of the entry a GREEN query was made from (a partial or misspelt name with a
   * contradicting birthdate): that entry must not be among the matches. Other entries may be.
   */
  sourceEntry?: string;
}

export interface RealWorldSetOptions {
  seed?: number;
  /** Queries per category (fewer when the list half has too few fitting entries). */
  perCategory?: number;
  /** Which half of the list positives are made from (see `listHalf`). Default `held-out`. */
  half?: ListHalf;
}

/** A listed individual's name in the parts a customer deals with. */
interface Person {
  entry: ListEntry;
  given: string[];
  surname: string[];
  exactDay: string | undefined;
}

const titleCase = (token: string): string => token.charAt(0).toUpperCase() + token.slice(1);
const typed = (tokens: readonly string[]): string => tokens.map(titleCase).join(' ');
const VOWELS = 'aeiou';
const CONSONANTS = 'bcdfghjklmnprstvz';
const TITLES = ['Dr.', 'Mr.', 'Mrs.', 'Sheikh', 'Haji', 'Prof.'];
// A birthdate this far from every listed span contradicts the list "by years".
const OTHER_DOB_MIN_YEARS = 3;
const DAY_MS = 86_400_000;
const WORLD_SURNAMES = new Set(WORLD_NAMES.flatMap((r) => r.surnames.map((s) => s.toLowerCase())));

function personOf(entry: ListEntry, raw = entry.name): Person | undefined {
  const { tokens, surnameCount } = personNameParts(raw);
  const split = tokens.length - surnameCount;
  const given = tokens.slice(0, split);
  const surname = tokens.slice(split);
  if (given.length === 0 || surname.filter((t) => !PARTICLES.has(t)).length === 0) return undefined;
  return { entry, given, surname, exactDay: entry.birthdates.find((b) => b.exact)?.from };
}

function randomDay(random: Random): string {
  const day = new Date(Date.UTC(1935, 0, 1) + Math.floor(random() * 70 * 365.25) * DAY_MS);
  return day.toISOString().slice(0, 10);
}

/** A random day at least OTHER_DOB_MIN_YEARS from every birthdate span of the entries. */
function otherDay(random: Random, entries: readonly ListEntry[]): string {
  const gap = OTHER_DOB_MIN_YEARS * 365.25 * DAY_MS;
  for (;;) {
    const day = randomDay(random);
    const at = Date.parse(day);
    const far = entries.every((e) =>
      e.birthdates.every((b) => at < Date.parse(b.from) - gap || at > Date.parse(b.to) + gap),
    );
    if (far) return day;
  }
}

/**
 * Listed individual names by the transliteration keys of their given names and surnames, to
 * check that an invented negative is carried by no listed name: no listed name has a surname
 * token with the key of the query's surname and given names with the keys of all its given names.
 */
function carriedCheck(index: ScreeningIndex): (given: readonly string[], surname: string) => boolean {
  const bySurname = new Map<string, Set<string>[]>();
  for (const name of index.names) {
    if (index.entries[name.entry]?.subject !== 'individual') continue;
    const person = personNameParts(name.text);
    const split = person.tokens.length - person.surnameCount;
    const givenKeys = new Set(person.tokens.slice(0, split).map(foldTransliteration));
    for (const s of person.tokens.slice(split)) {
      const key = foldTransliteration(s);
      const list = bySurname.get(key) ?? [];
      list.push(givenKeys);
      bySurname.set(key, list);
    }
  }
  return (given, surname) =>
    (bySurname.get(foldTransliteration(surname)) ?? []).some((keys) =>
      given.every((g) => keys.has(foldTransliteration(g))),
    );
}

type Maker = (person: Person, random: Random) => Omit<RealWorldQuery, 'category' | 'expected'> | undefined;

const key = (p: Person) => `${p.entry.listType}:${p.entry.id}`;
const withDay = (p: Person, name: string) =>
  p.exactDay
    ? { query: { kind: 'person' as const, name, birthdate: p.exactDay }, expectedEntry: key(p) }
    : undefined;
// The given names proper: no particles, titles or initials.
const names = (p: Person) =>
  p.given.filter((t) => !PARTICLES.has(t) && !PERSON_TITLES.has(t) && t.length > 1);

/** One vowel of the longest surname token changed to another vowel. */
function vowelTypo(p: Person, random: Random): string[] | undefined {
  const at = p.surname.reduce((best, t, i) => (t.length > (p.surname[best]?.length ?? 0) ? i : best), 0);
  const token = p.surname[at] ?? '';
  const vowels = [...token].flatMap((c, i) => (VOWELS.includes(c) ? [i] : []));
  if (token.length < 3 || vowels.length === 0) return undefined;
  const i = pick(random, vowels);
  const next = pick(
    random,
    [...VOWELS].filter((v) => v !== token[i]),
  );
  const surname = [...p.surname];
  surname[at] = token.slice(0, i) + next + token.slice(i + 1);
  return surname;
}

/** Whether `tokens` are, in any order, all the tokens of one of the entry's names (primary or alias). */
function isNameOf(entry: ListEntry, tokens: readonly string[]): boolean {
  const names = (list: readonly string[]) => list.filter((t) => !PARTICLES.has(t) && !PERSON_TITLES.has(t));
  const wanted = names(tokens).sort().join(' ');
  return [entry.name, ...entry.aliases.map((a) => a.name)].some((n) => {
    const listed = personNameParts(n).tokens;
    // Also when written together differently: "Ramzi Binalshibh" is BIN AL SHIBH, Ramzi.
    return (
      names(listed).sort().join(' ') === wanted ||
      listed.join('') === tokens.join('') ||
      names(listed).join('') === names(tokens).join('')
    );
  });
}

/** The first given name (sometimes another) and the surname: middle names and patronymics left out. */
function middleOmitted(p: Person, random: Random): string[] | undefined {
  const given = names(p);
  if (given.length < 2) return undefined;
  const kept = random() < 0.7 ? given[0] : pick(random, given.slice(1));
  return kept ? [kept, ...p.surname] : undefined;
}

const MAKERS: Record<RealWorldCategory, Maker> = {
  'exact-dob': (p) => withDay(p, typed([...p.given, ...p.surname])),
  'list-order': (p) => withDay(p, `${p.surname.join(' ').toUpperCase()}, ${typed(p.given)}`),
  swapped: (p) => withDay(p, typed([...p.surname, ...p.given])),
  'no-dob': (p) => ({
    query: { kind: 'person', name: typed([...p.given, ...p.surname]) },
    expectedEntry: key(p),
  }),
  aka: (p, random) => {
    const aliases = p.entry.aliases.flatMap((a) => {
      const alias = personOf(p.entry, a.name);
      return alias && a.kind === 'aka' ? [alias] : [];
    });
    const alias = aliases.length > 0 ? pick(random, aliases) : undefined;
    return alias && withDay(p, typed([...alias.given, ...alias.surname]));
  },
  'middle-omitted': (p, random) => {
    const tokens = middleOmitted(p, random);
    return tokens && withDay(p, typed(tokens));
  },
  'vowel-typo': (p, random) => {
    const surname = vowelTypo(p, random);
    return surname && withDay(p, typed([...p.given, ...surname]));
  },
  'joined-surname': (p) => {
    if (p.surname.length < 2) return undefined;
    return withDay(p, `${typed(p.given)} ${titleCase(p.surname.join(''))}`);
  },
  'al-prefix': (p, random) => {
    const all = [...p.given, ...p.surname];
    const at = all.findIndex((t, i) => (t === 'al' || t === 'el') && i + 1 < all.length);
    if (at < 0) return undefined;
    const next = all[at + 1] ?? '';
    const written = pick(random, [
      `Al${next}`,
      `El-${titleCase(next)}`,
      `al-${titleCase(next)}`,
      titleCase(next),
    ]);
    return withDay(
      p,
      [...all.slice(0, at).map(titleCase), written, ...all.slice(at + 2).map(titleCase)].join(' '),
    );
  },
  initials: (p) => {
    const [first, ...rest] = p.given;
    if (!first || PARTICLES.has(first) || PERSON_TITLES.has(first)) return undefined;
    return withDay(p, `${first.charAt(0).toUpperCase()}. ${typed([...rest, ...p.surname])}`);
  },
  'title-prefix': (p, random) => withDay(p, `${pick(random, TITLES)} ${typed([...p.given, ...p.surname])}`),
  diacritics: (p, random) => {
    const tokens = [...p.given, ...p.surname];
    const accented = tokens.map((t) => withDiacritics(t, random));
    return accented.join(' ') === tokens.join(' ') ? undefined : withDay(p, typed(accented));
  },
  cyrillic: (p) => withDay(p, [...p.given, ...p.surname].map(toCyrillic).join(' ')),
  'exact-other-dob': (p, random) => ({
    query: {
      kind: 'person',
      name: typed([...p.given, ...p.surname]),
      birthdate: otherDay(random, [p.entry]),
    },
    expectedEntry: key(p),
  }),
  // Negatives are filled in by `negatives`, not from one person.
  'given-other-surname': () => undefined,
  'common-names': () => undefined,
  'short-given-common-surname': () => undefined,
  'partial-other-dob': (p, random) => {
    // Not when the shorter name is itself listed: an exact name stays YELLOW whatever the birthdate.
    const tokens = middleOmitted(p, random);
    if (!tokens || p.entry.birthdates.length === 0 || isNameOf(p.entry, tokens)) return undefined;
    return {
      query: { kind: 'person', name: typed(tokens), birthdate: otherDay(random, [p.entry]) },
      sourceEntry: key(p),
    };
  },
  'typo-other-dob': (p, random) => {
    const surname = vowelTypo(p, random);
    if (!surname || p.entry.birthdates.length === 0 || isNameOf(p.entry, [...p.given, ...surname]))
      return undefined;
    return {
      query: {
        kind: 'person',
        name: typed([...p.given, ...surname]),
        birthdate: otherDay(random, [p.entry]),
      },
      sourceEntry: key(p),
    };
  },
};

function negatives(
  category: 'given-other-surname' | 'common-names' | 'short-given-common-surname',
  people: readonly Person[],
  random: Random,
  carried: (given: readonly string[], surname: string) => boolean,
): RealWorldQuery['query'] | undefined {
  if (category === 'common-names') {
    const region = pick(random, WORLD_NAMES);
    const given = pick(random, region.given).toLowerCase();
    const surname = pick(random, region.surnames).toLowerCase();
    if (given === surname || carried([given], surname)) return undefined;
    return { kind: 'person', name: typed([given, surname]), birthdate: randomDay(random) };
  }
  const a = pick(random, people);
  if (category === 'given-other-surname') {
    const b = pick(random, people);
    const given = names(a)[0];
    const surname = b.surname.filter((t) => !PARTICLES.has(t));
    const last = surname.at(-1);
    if (!given || !last || a === b || carried([given], last)) return undefined;
    return {
      kind: 'person',
      name: typed([given, ...b.surname]),
      birthdate: otherDay(random, [a.entry, b.entry]),
    };
  }
  // A short given name with one consonant changed ("Wei" for LEI), beside a surname that very many
  // people carry ("Zhang"), no birthdate: agreement on the surname alone says nothing.
  const given = names(a).find((t) => t.length >= 3 && t.length <= 4);
  const surname = a.surname.filter((t) => !PARTICLES.has(t));
  const last = surname.length === 1 ? surname[0] : undefined;
  if (!given || !last || !WORLD_SURNAMES.has(last)) return undefined;
  const consonants = [...given].flatMap((c, i) => (CONSONANTS.includes(c) ? [i] : []));
  if (consonants.length === 0) return undefined;
  const i = pick(random, consonants);
  const changed =
    given.slice(0, i) +
    pick(
      random,
      [...CONSONANTS].filter((c) => c !== given[i]),
    ) +
    given.slice(i + 1);
  if (carried([changed], last)) return undefined;
  return { kind: 'person', name: typed([changed, ...a.surname]) };
}

/**
 * A labelled set of person queries in the categories of REAL_WORLD_CATEGORIES, made from the
 * individuals of one half of the indexed list (default: the held-out half, see `listHalf`), the
 * same for the same seed. Negatives are checked to be carried by no listed name (`carriedCheck`).
 */
export function buildRealWorldSet(
  index: ScreeningIndex,
  options: RealWorldSetOptions = {},
): RealWorldQuery[] {
  const random = seededRandom(options.seed ?? 20_210_707);
  const perCategory = options.perCategory ?? 200;
  const half = options.half ?? 'held-out';
  const people = index.entries.flatMap((entry) => {
    const person = entry.subject === 'individual' && listHalf(entry) === half ? personOf(entry) : undefined;
    return person ? [person] : [];
  });
  const carried = carriedCheck(index);
  const set: RealWorldQuery[] = [];
  for (const [category, expected] of Object.entries(REAL_WORLD_CATEGORIES) as [
    RealWorldCategory,
    ExpectedLight,
  ][]) {
    const seen = new Set<string>();
    const add = (made: Omit<RealWorldQuery, 'category' | 'expected'> | undefined) => {
      if (!made) return;
      const id = `${made.query.name}|${made.query.birthdate ?? ''}`;
      if (seen.has(id)) return;
      seen.add(id);
      set.push({ category, expected, ...made });
    };
    if (
      category === 'given-other-surname' ||
      category === 'common-names' ||
      category === 'short-given-common-surname'
    ) {
      for (let tries = 0; seen.size < perCategory && tries < perCategory * 50; tries++)
        add(((q) => (q ? { query: q } : undefined))(negatives(category, people, random, carried)));
      continue;
    }
    for (const person of shuffled(random, people)) {
      if (seen.size >= perCategory) break;
      add(MAKERS[category](person, random));
    }
  }
  return set;
}
