import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: '@wallet/validation', include: ['src/**/*.test.ts'] } });
