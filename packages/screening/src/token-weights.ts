import { jaroWinkler } from './jaro-winkler.js';
import { nameTokens } from './normalize.js';
import { foldTransliteration } from './transliterate.js';
import { COMMON_GIVEN_NAMES, COMPANY_GENERIC_WORDS, COMPANY_SUFFIXES, PARTICLES } from './vocabulary.js';

// How much a token counts, relative to a distinctive one of the same length.
const PARTICLE_FACTOR = 0.3;
const COMMON_GIVEN_NAME_FACTOR = 0.5;
const GENERIC_COMPANY_WORD_FACTOR = 0.4;

const commonGivenNameKeys = new Set(COMMON_GIVEN_NAMES.map(foldTransliteration));
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
  /** Per token: an article or name particle (`al`, `bin`, `de`). */
  particle: boolean[];
}

function factor(token: string, company: boolean): number {
  if (PARTICLES.has(token)) return PARTICLE_FACTOR;
  if (company) return COMPANY_GENERIC_WORDS.has(token) ? GENERIC_COMPANY_WORD_FACTOR : 1;
  return commonGivenNameKeys.has(foldTransliteration(token)) ? COMMON_GIVEN_NAME_FACTOR : 1;
}

/**
 * Tokens of a person's or company's name with their weights: longer tokens weigh more, particles,
 * common given names and generic company words less. Company legal forms (LLC, S.A., GmbH...) are
 * dropped, unless nothing else is left.
 */
export function weighName(raw: string, company: boolean): WeightedTokens {
  const all = nameTokens(raw, !company);
  const kept = company ? all.filter((t) => !isLegalForm(t)) : all;
  const tokens = kept.length > 0 ? kept : all;
  const factors = tokens.map((t) => factor(t, company));
  return {
    tokens,
    weights: tokens.map((t, i) => t.length * (factors[i] ?? 1)),
    distinctive: factors.map((f) => f === 1),
    particle: tokens.map((t) => PARTICLES.has(t)),
  };
}

/** Order-free identity of a token list: equal keys mean the same tokens in any order. */
export function tokenKey(tokens: readonly string[]): string {
  return [...tokens].sort().join(' ');
}
