import { defineProject } from 'vitest/config';

// The same time limits as the root configuration, also when run from this folder: building the
// full SDN index and screening a few thousand labelled queries takes seconds on a loaded machine.
export default defineProject({
  // Workspace packages are imported from their src (the `source` export condition): no build between
  // an edit and a test.
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    name: '@wallet/screening',
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
