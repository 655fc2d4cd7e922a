import { defineProject } from 'vitest/config';

// No database here: the tests that need one (a send in a transaction) are in @wallet/testkit, which
// depends on this package and has a server at hand.
export default defineProject({
  // Workspace packages are imported from their src (the `source` export condition): no build between
  // an edit and a test.
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: { name: '@wallet/jobs', include: ['src/**/*.test.ts'] },
});
