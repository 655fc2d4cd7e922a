import type { ScreeningIndex } from '../screening-index.js';
import { weighName } from '../token-weights.js';

/**
 * Whether some list name of the given kind holds every token of `name` (after normalisation):
 * the check that an invented "clean" name is really on no list, and not part of a listed name.
 */
export function isOnList(index: ScreeningIndex, name: string, company: boolean): boolean {
  const ids = weighName(name, company).tokens.map((t) => index.vocabulary.ids.get(t));
  let common: Set<number> | undefined;
  for (const id of ids) {
    if (id === undefined) return false;
    const holding = index.postings[id] ?? [];
    common = new Set(common ? holding.filter((n) => common?.has(n)) : holding);
    if (common.size === 0) return false;
  }
  const subject = company ? 'entity' : 'individual';
  for (const n of common ?? []) {
    const name = index.names[n];
    if (name && index.entries[name.entry]?.subject === subject) return true;
  }
  return false;
}
