import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@wallet/compliance-worker',
    include: ['src/**/*.test.ts'],
    globalSetup: ['@wallet/testkit/global-setup'],
    // The cooling-off and crash-recovery tests wait for real seconds (bounded by each wait).
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
