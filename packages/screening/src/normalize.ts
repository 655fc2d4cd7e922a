import anyAscii from 'any-ascii';

// Any letter outside ASCII: accented Latin, Cyrillic, Greek, Arabic, CJK...
const NON_ASCII = /[^\p{ASCII}]/u;

/** Other scripts romanised; accents, case and punctuation removed; initials joined (`S.A.` -> `sa`), apostrophes dropped. */
function foldCharacters(raw: string): string {
  // any-ascii (a maintained Unicode-to-ASCII table) romanises other scripts and strips accents:
  // Дмитрий -> Dmitriy, Γεώργιος -> Georgios, Łukasz -> Lukasz, ß -> ss.
  const ascii = NON_ASCII.test(raw) ? anyAscii(raw.normalize('NFC')) : raw;
  return ascii
    .toLowerCase()
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

/**
 * A person's name tokens in `given... surname` order and how many of the last ones are the
 * surname: the part before the comma of a list-style `LAST, First`, else the last token.
 */
export function personNameParts(raw: string): { tokens: string[]; surnameCount: number } {
  const comma = raw.indexOf(',');
  if (comma <= 0) {
    const tokens = nameTokens(raw, false);
    return { tokens, surnameCount: Math.min(tokens.length, 1) };
  }
  // The two sides folded apart: `LAST, First Middle` -> first middle | last.
  const surname = nameTokens(raw.slice(0, comma), false);
  const given = nameTokens(raw.slice(comma + 1), false);
  if (surname.length === 0) return { tokens: given, surnameCount: Math.min(given.length, 1) };
  return { tokens: [...given, ...surname], surnameCount: surname.length };
}
