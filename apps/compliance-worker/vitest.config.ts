import { defineProject } from 'vitest/config';

export default defineProject({
  // Workspace packages are imported from their src (the `source` export condition): no build between
  // an edit and a test.
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    name: '@wallet/compliance-worker',
    include: ['src/**/*.test.ts'],
    globalSetup: ['@wallet/testkit/global-setup'],
    // The cooling-off and crash-recovery tests wait for real seconds (bounded by each wait).
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
