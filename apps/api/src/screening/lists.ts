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

/** The sanctions (SL) and PEP lists, indexed once at start-up. */
export async function loadGlobalIndex(
  sources: ListSources,
): Promise<{ index: ScreeningIndex; entries: number }> {
  const sanctions = sources.sanctionsDir
    ? await loadDir(sources.sanctionsDir, 'SL')
    : await loadOfacList({ ...sampleListPaths(), listType: 'SL' });
  const pep = sources.pepDir ? await loadDir(sources.pepDir, 'PEP') : [];
  const entries = [...sanctions, ...pep];
  return { index: buildScreeningIndex(entries), entries: entries.length };
}
