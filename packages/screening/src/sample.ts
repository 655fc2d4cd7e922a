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
