import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@wallet/webhook-dispatcher',
    include: ['src/**/*.test.ts'],
    globalSetup: ['@wallet/testkit/global-setup'],
  },
});
