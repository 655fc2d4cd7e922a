import { defineProject } from 'vitest/config';

// The db package's migrations and embedded launcher are tested here, where a server is at hand.
export default defineProject({
  // Workspace packages are imported from their src (the `source` export condition): no build between
  // an edit and a test.
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    name: '@wallet/testkit',
    include: ['src/**/*.test.ts'],
    // Real databases and real HTTP: generous bounds for a loaded 2-core CI machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['./src/global-setup.ts'],
  },
});
