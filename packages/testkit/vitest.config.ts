import { defineProject } from 'vitest/config';

// The db package's migrations and embedded launcher are tested here, where a server is at hand.
export default defineProject({
  test: {
    name: '@wallet/testkit',
    include: ['src/**/*.test.ts'],
    // Real databases and real HTTP: generous bounds for a loaded 2-core CI machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['./src/global-setup.ts'],
  },
});
