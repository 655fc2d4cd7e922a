import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: '@wallet/errors', include: ['src/**/*.test.ts'] } });
