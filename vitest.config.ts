import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tooling/chaos'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
