// Reused across calls: screening is synchronous, so one pair of buffers is enough.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

const WINKLER_SCALE = 0.1;
const WINKLER_MAX_PREFIX = 4;
// Winkler's boost is for strings that already look alike; below this it would lift noise.
const WINKLER_THRESHOLD = 0.7;

/** Jaro-Winkler similarity of two strings, 0 (nothing alike) to 1 (equal). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > flagsA.length) flagsA = new Uint8Array(la * 2);
  if (lb > flagsB.length) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const hi = Math.min(lb - 1, i + window);
    for (let j = Math.max(0, i - window); j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - halfTranspositions / 2) / matches) / 3;
  if (jaro < WINKLER_THRESHOLD) return jaro;
  let prefix = 0;
  const maxPrefix = Math.min(WINKLER_MAX_PREFIX, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * WINKLER_SCALE * (1 - jaro);
}
