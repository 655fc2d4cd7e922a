import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: '@wallet/webhooks', include: ['src/**/*.test.ts'] } });
