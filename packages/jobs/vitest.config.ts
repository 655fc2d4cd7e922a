import { defineProject } from 'vitest/config';

// No database here: the tests that need one (a send in a transaction) are in @wallet/testkit, which
// depends on this package and has a server at hand.
export default defineProject({ test: { name: '@wallet/jobs', include: ['src/**/*.test.ts'] } });
