import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: '@wallet/config', include: ['src/**/*.test.ts'] } });
