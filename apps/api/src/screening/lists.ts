import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildScreeningIndex,
  type ListEntry,
  type ListType,
  loadOfacList,
  type ScreeningIndex,
  sampleListPaths,
} from '@wallet/screening';

export interface ListSources {
  /** Folder holding OFAC's `sdn.csv` (and optionally `alt.csv`); default: the package's sample list. */
  sanctionsDir?: string;
  /** Folder of a PEP list in the same format; optional. */
  pepDir?: string;
}

async function loadDir(dir: string, listType: ListType): Promise<ListEntry[]> {
  const sdnPath = join(dir, 'sdn.csv');
  if (!existsSync(sdnPath))
    throw new Error(`${sdnPath} not found (a list folder holds sdn.csv and optionally alt.csv)`);
  const altPath = join(dir, 'alt.csv');
  return loadOfacList({ sdnPath, altPath: existsSync(altPath) ? altPath : undefined, listType });
}

/**
 * A list's version as stored with each screening: its type, entry count and the first 12 hex
 * digits of a SHA-256 over its entries (ids, names, aliases, birthdates), e.g. `SL:8976:1a2b3c4d5e6f`.
 * The same content gives the same version on every replica.
 */
function listVersion(listType: ListType, entries: readonly ListEntry[]): string {
  const hash = createHash('sha256');
  for (const e of entries) {
    hash.update(`${e.id}\u0000${e.name}\u0000${e.aliases.map((a) => a.name).join('\u0001')}\u0000`);
    hash.update(`${e.birthdates.map((b) => b.text).join('\u0001')}\n`);
  }
  return `${listType}:${entries.length}:${hash.digest('hex').slice(0, 12)}`;
}

/** The sanctions (SL) and PEP lists, indexed once at start-up, with their version. */
export async function loadGlobalIndex(
  sources: ListSources,
): Promise<{ index: ScreeningIndex; entries: number; version: string }> {
  const sanctions = sources.sanctionsDir
    ? await loadDir(sources.sanctionsDir, 'SL')
    : await loadOfacList({ ...sampleListPaths(), listType: 'SL' });
  const pep = sources.pepDir ? await loadDir(sources.pepDir, 'PEP') : [];
  const entries = [...sanctions, ...pep];
  const version = [listVersion('SL', sanctions), ...(pep.length > 0 ? [listVersion('PEP', pep)] : [])].join(
    ';',
  );
  return { index: buildScreeningIndex(entries), entries: entries.length, version };
}
