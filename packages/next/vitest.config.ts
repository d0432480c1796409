import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'next',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The integration test builds and starts a real Next.js app: minutes, not seconds, on 2 cores.
    hookTimeout: 600_000,
  },
});
