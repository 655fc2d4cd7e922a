import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@wallet/core',
    include: ['src/**/*.test.ts'],
    // Real databases: generous bounds for a loaded 2-core CI machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['@wallet/testkit/global-setup'],
  },
});
