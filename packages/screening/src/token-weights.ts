import { jaroWinkler } from './jaro-winkler.js';
import { nameTokens, personNameParts } from './normalize.js';
import { foldTransliteration } from './transliterate.js';
import {
  COMMON_GIVEN_NAMES,
  COMMON_SURNAMES,
  COMPANY_GENERIC_WORDS,
  COMPANY_SUFFIXES,
  PARTICLES,
  PERSON_TITLES,
} from './vocabulary.js';

// How much a token counts, relative to a distinctive one of the same length.
const PARTICLE_FACTOR = 0.3;
const COMMON_NAME_FACTOR = 0.5;
const GENERIC_COMPANY_WORD_FACTOR = 0.4;

const commonNameKeys = new Set([...COMMON_GIVEN_NAMES, ...COMMON_SURNAMES].map(foldTransliteration));
const commonSurnameKeys = new Set(COMMON_SURNAMES.map(foldTransliteration));
const suffixKeys = new Set([...COMPANY_SUFFIXES].map(foldTransliteration));
const longSuffixes = [...COMPANY_SUFFIXES].filter((s) => s.length >= 6);
// Long legal forms are often misspelt ("Limted", "Compnay"); a close one is still a legal form.
const MISSPELT_SUFFIX_SIMILARITY = 0.9;

function isLegalForm(token: string): boolean {
  if (COMPANY_SUFFIXES.has(token) || suffixKeys.has(foldTransliteration(token))) return true;
  return token.length >= 5 && longSuffixes.some((s) => jaroWinkler(token, s) >= MISSPELT_SUFFIX_SIMILARITY);
}

/** A name cut into tokens, each with the weight it carries in a comparison. */
export interface WeightedTokens {
  tokens: string[];
  weights: number[];
  /** Per token: false for particles, common given names and generic company words. */
  distinctive: boolean[];
  /** Per token: an article or name particle (`al`, `bin`, `de`), or a person's title (`dr`, `sheikh`). */
  particle: boolean[];
  /** Per token: part of a person's surname (see `personNameParts`); always false for companies. */
  surname: boolean[];
  /** Per token: a single letter, an initial of a given name (`D.` for Dmitri). */
  initial: boolean[];
  /** Per token: a surname carried by millions (`COMMON_SURNAMES`), whatever its role here. */
  commonSurname: boolean[];
}

function factor(token: string, company: boolean): number {
  if (PARTICLES.has(token)) return PARTICLE_FACTOR;
  if (company) return COMPANY_GENERIC_WORDS.has(token) ? GENERIC_COMPANY_WORD_FACTOR : 1;
  return commonNameKeys.has(foldTransliteration(token)) ? COMMON_NAME_FACTOR : 1;
}

/**
 * Tokens of a person's or company's name with their weights: longer tokens weigh more, particles,
 * common given names and generic company words less. Company legal forms (LLC, S.A., GmbH...) are
 * dropped, unless nothing else is left.
 */
export function weighName(raw: string, company: boolean): WeightedTokens {
  const person = company ? undefined : personNameParts(raw);
  const all = person ? person.tokens : nameTokens(raw, false);
  const kept = company ? all.filter((t) => !isLegalForm(t)) : all;
  const tokens = kept.length > 0 ? kept : all;
  const firstSurname = person ? tokens.length - person.surnameCount : tokens.length;
  // A single letter among the given names is an initial (even `e` or `y`, which are particles
  // elsewhere); it is distinctive in no way: it may stand for any given name with that letter.
  const initial = tokens.map((t, i) => !company && t.length === 1 && i < firstSurname);
  // A title only where titles go, before the name: `HAJJI, Muhammad` is a surname.
  const particle = tokens.map(
    (t, i) =>
      !initial[i] && (PARTICLES.has(t) || (!company && i === 0 && i < firstSurname && PERSON_TITLES.has(t))),
  );
  const factors = tokens.map((t, i) => (particle[i] ? PARTICLE_FACTOR : factor(t, company)));
  return {
    tokens,
    weights: tokens.map((t, i) => t.length * (factors[i] ?? 1)),
    distinctive: factors.map((f, i) => f === 1 && !initial[i]),
    particle,
    surname: tokens.map((_, i) => i >= firstSurname),
    initial,
    commonSurname: tokens.map((t) => !company && commonSurnameKeys.has(foldTransliteration(t))),
  };
}

/** Order-free identity of a token list: equal keys mean the same tokens in any order. */
export function tokenKey(tokens: readonly string[]): string {
  return [...tokens].sort().join(' ');
}
