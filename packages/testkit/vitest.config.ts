import { defineProject } from 'vitest/config';

// The db package's migrations and embedded launcher are tested here, where a server is at hand.
export default defineProject({
  test: { name: '@wallet/testkit', include: ['src/**/*.test.ts'], globalSetup: ['./src/global-setup.ts'] },
});
