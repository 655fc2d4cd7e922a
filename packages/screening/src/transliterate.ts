// Order matters: digraphs first, then vowel classes, then doubled letters.
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/sch/g, 'sh'],
  [/tch/g, 'ch'],
  [/(dj|dzh|zh)/g, 'j'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/c(?=[aou]|$)/g, 'k'],
  [/[ou]/g, 'u'],
  [/[eiy]/g, 'i'],
  [/([a-z])\1+/g, '$1'],
];

const MEMO_LIMIT = 100_000;
const memo = new Map<string, string>();

/**
 * A spelling key that transliterations of one name share: Mohammed/Muhammad, Youssef/Yusuf,
 * Khaled/Haled, Husayn/Hussein come out close or equal. Input is one normalised token.
 * Used for finding candidates and as a second, slightly discounted similarity.
 */
export function foldTransliteration(token: string): string {
  const known = memo.get(token);
  if (known !== undefined) return known;
  let key = token;
  for (const [pattern, replacement] of RULES) key = key.replace(pattern, replacement);
  // Index building folds each token several times; the cap keeps queries from growing it forever.
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(token, key);
  return key;
}
