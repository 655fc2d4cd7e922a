import countries from 'i18n-iso-countries';
import ISO6391 from 'iso-639-1';
import { iso31662 } from 'iso-3166';

/**
 * ISO code checks on maintained data: ISO 3166-1 countries (`i18n-iso-countries`), ISO 3166-2
 * subdivisions (`iso-3166`) and ISO 639-1 languages (`iso-639-1`). Every check takes any case.
 */
export function isAlpha3(code: string): boolean {
  return code.length === 3 && countries.isValid(code) && countries.toAlpha3(code) === code.toUpperCase();
}

export function isAlpha2(code: string): boolean {
  return code.length === 2 && countries.isValid(code);
}

/** Seed 003's culture: an ISO 639-1 language and an ISO 3166-1 alpha-2 country, `ll-CC` in any case. */
export function isCulture(value: string): boolean {
  const match = /^([a-z]{2})-([a-z]{2})$/i.exec(value);
  return match !== null && ISO6391.validate(match[1]!.toLowerCase()) && isAlpha2(match[2]!);
}

/** Countries whose billing address needs a stateCode (seed 003), checked against ISO 3166-2. */
export const STATE_CODE_COUNTRIES = ['USA', 'CAN'] as const;

const subdivisions = new Map<string, Set<string>>();
for (const entry of iso31662) {
  const [country, code] = entry.code.split('-') as [string, string];
  if (!subdivisions.has(country)) subdivisions.set(country, new Set());
  subdivisions.get(country)?.add(code);
}

/** The subdivision codes (the part after `US-`) of an alpha-3 country, e.g. `CA`, `NY` for USA. */
export function subdivisionsOf(alpha3: string): ReadonlySet<string> {
  return subdivisions.get(countries.alpha3ToAlpha2(alpha3.toUpperCase()) ?? '') ?? new Set();
}
