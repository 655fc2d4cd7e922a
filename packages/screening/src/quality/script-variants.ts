// Latin letters (and digraphs first) to Cyrillic, the way a Russian speaker types a foreign name:
// only used to make labelled queries in another script, which screening must romanise back.
const TO_CYRILLIC: ReadonlyArray<readonly [string, string]> = [
  ['shch', 'щ'],
  ['kh', 'х'],
  ['zh', 'ж'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['yu', 'ю'],
  ['ya', 'я'],
  ['yo', 'йо'],
  ['a', 'а'],
  ['b', 'б'],
  ['v', 'в'],
  ['g', 'г'],
  ['d', 'д'],
  ['e', 'е'],
  ['z', 'з'],
  ['i', 'и'],
  ['y', 'й'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['f', 'ф'],
  ['h', 'х'],
  ['ce', 'се'],
  ['ci', 'си'],
  ['c', 'к'],
  ['j', 'дж'],
  ['q', 'к'],
  ['w', 'в'],
  ['x', 'кс'],
];

/** A lower-case Latin token written in Cyrillic letters, first letter capitalised. */
export function toCyrillic(token: string): string {
  let out = '';
  for (let i = 0; i < token.length; ) {
    const rule = TO_CYRILLIC.find(([latin]) => token.startsWith(latin, i));
    if (rule) {
      out += rule[1];
      i += rule[0].length;
    } else {
      out += token[i];
      i++;
    }
  }
  return out.charAt(0).toUpperCase() + out.slice(1);
}

const ACCENTED: Record<string, readonly string[]> = {
  a: ['á', 'à', 'â', 'ä'],
  e: ['é', 'è', 'ê', 'ë'],
  i: ['í', 'ï'],
  o: ['ó', 'ô', 'ö'],
  u: ['ú', 'ü'],
  n: ['ñ'],
  c: ['ç'],
  s: ['ş', 'š'],
  z: ['ž'],
};

/** The token with about one letter in three accented where it can be (a -> á, n -> ñ, s -> ş). */
export function withDiacritics(token: string, random: () => number): string {
  return [...token]
    .map((c) => {
      const options = ACCENTED[c];
      return options && random() < 0.35 ? (options[Math.floor(random() * options.length)] ?? c) : c;
    })
    .join('');
}
