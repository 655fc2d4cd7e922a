// Letters that NFD does not split into a base letter and a mark.
const UNSPLIT: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ħ: 'h',
};

/** Accents, case and punctuation removed; initials joined (`S.A.` -> `sa`), apostrophes dropped. */
function foldCharacters(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłıþħ]/g, (c) => UNSPLIT[c] ?? c)
    .replace(/['’‘`´ʼ]/g, '')
    .replace(/(?<![\p{L}\p{N}])(\p{L})\.(?=\p{L}\.|\p{L}(?![\p{L}\p{N}]))/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A name as comparable text: accents, case and punctuation removed, and an individual's
 * list-style `LAST, First Middle` turned into `first middle last`.
 * `individual` should be false for companies, whose commas come before legal forms (`CIMEX, S.A.`).
 */
export function normalizeName(raw: string, individual = true): string {
  const comma = raw.indexOf(',');
  const ordered = individual && comma > 0 ? `${raw.slice(comma + 1)} ${raw.slice(0, comma)}` : raw;
  return foldCharacters(ordered);
}

/** The tokens of a normalised name. */
export function nameTokens(raw: string, individual = true): string[] {
  const normal = normalizeName(raw, individual);
  return normal === '' ? [] : normal.split(' ');
}
