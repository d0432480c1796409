import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'cli',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The Chromium files each drive a browser; one at a time on a 2-core machine.
    fileParallelism: false,
  },
});
