import { fileURLToPath } from 'node:url';
import type { ListFiles } from './load.js';

/**
 * Paths of the small invented list shipped in the package's `data/` folder, for use when no list
 * is configured. Resolved from this module, so they hold in the workspace and when installed.
 */
export function sampleListPaths(): Required<ListFiles> {
  return {
    sdnPath: fileURLToPath(new URL('../data/sample-sdn.csv', import.meta.url)),
    altPath: fileURLToPath(new URL('../data/sample-alt.csv', import.meta.url)),
  };
}

/**
 * Paths of the 2021 OFAC SDN snapshot vendored in `data/ofac-sdn-2021/` (public domain; see its
 * PROVENANCE.md), for tests, benchmarks and quality evaluations on the real list.
 */
export function ofacSnapshot2021Paths(): Required<ListFiles> & { directory: string } {
  const at = (file: string) => fileURLToPath(new URL(`../data/ofac-sdn-2021/${file}`, import.meta.url));
  return { directory: at(''), sdnPath: at('sdn.csv'), altPath: at('alt.csv') };
}
