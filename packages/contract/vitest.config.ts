import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: '@wallet/contract', include: ['src/**/*.test.ts'] } });
