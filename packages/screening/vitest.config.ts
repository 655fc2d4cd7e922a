import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: '@wallet/screening', include: ['src/**/*.test.ts'] } });
