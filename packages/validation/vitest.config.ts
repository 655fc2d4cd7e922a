import { defineProject } from 'vitest/config';

export default defineProject({
  // Workspace packages are imported from their src (the `source` export condition): no build between
  // an edit and a test.
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: { name: '@wallet/validation', include: ['src/**/*.test.ts'] },
});
