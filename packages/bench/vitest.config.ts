import { defineProject } from 'vitest/config';

// Runs every benchmark scenario once for correctness. No timings are asserted here: the bench
// command (`pnpm bench`) measures and reports.
export default defineProject({
  test: {
    name: 'bench',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
