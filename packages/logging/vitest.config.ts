import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: '@wallet/logging', include: ['src/**/*.test.ts'] } });
