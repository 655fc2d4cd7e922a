import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: '@wallet/domain', include: ['src/**/*.test.ts'] } });
