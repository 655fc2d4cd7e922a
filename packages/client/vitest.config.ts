import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@wallet/client',
    include: ['src/**/*.test.ts'],
    globalSetup: ['@wallet/testkit/global-setup'],
  },
});
