import { readFile } from 'node:fs/promises';
import { decodeLatin1 } from './csv.js';
import { parseOfacCsv } from './ofac.js';
import type { ListEntry, ListType } from './types.js';

export interface ListFiles {
  /** Path of the main file (OFAC's sdn.csv). */
  sdnPath: string;
  /** Path of the alias file (OFAC's alt.csv); optional. */
  altPath?: string;
}

export interface LoadListOptions extends ListFiles {
  /** Which list the file holds; default `SL`. */
  listType?: ListType;
}

async function readLatin1(path: string): Promise<string> {
  return decodeLatin1(await readFile(path));
}

/** Reads and parses a list in OFAC's legacy CSV format (latin-1 files). */
export async function loadOfacList(options: LoadListOptions): Promise<ListEntry[]> {
  const [sdn, alt] = await Promise.all([
    readLatin1(options.sdnPath),
    options.altPath === undefined ? undefined : readLatin1(options.altPath),
  ]);
  return parseOfacCsv(sdn, alt, { listType: options.listType ?? 'SL' });
}

/** Reads a tenant's black list (OFAC CSV format); its entries are `BL`. */
export function loadBlackList(files: ListFiles): Promise<ListEntry[]> {
  return loadOfacList({ ...files, listType: 'BL' });
}
