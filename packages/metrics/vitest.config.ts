import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: '@wallet/metrics', include: ['src/**/*.test.ts'] } });
