import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@wallet/chaos',
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    globalSetup: ['@wallet/testkit/global-setup'],
  },
});
