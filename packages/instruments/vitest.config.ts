import { defineProject } from 'vitest/config';

export default defineProject({
  // Workspace packages are imported from their src (the `source` export condition): no build between
  // an edit and a test.
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    name: '@wallet/instruments',
    include: ['src/**/*.test.ts'],
    // Allocation is tested against a real database (concurrency, exhaustion).
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['@wallet/testkit/global-setup'],
  },
});
