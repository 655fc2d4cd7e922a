import type { ListEntry } from '../types.js';

/** Which half of a list an entry belongs to: `tuning` may be looked at while tuning, `held-out` never. */
export type ListHalf = 'tuning' | 'held-out';

/** FNV-1a of a string: a stable hash, the same on every machine and in every version of Node. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The half an entry falls in, by a hash of its list and id: about half of the entries are held
 * out, the same ones on every run, so labelled queries from them measure names the matcher's
 * thresholds were never tuned on.
 */
export function listHalf(entry: Pick<ListEntry, 'listType' | 'id'>): ListHalf {
  return fnv1a(`${entry.listType}:${entry.id}`) % 2 === 0 ? 'tuning' : 'held-out';
}
