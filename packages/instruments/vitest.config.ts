import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@wallet/instruments',
    include: ['src/**/*.test.ts'],
    // Allocation is tested against a real database (concurrency, exhaustion).
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['@wallet/testkit/global-setup'],
  },
});
