import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'conformance',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // One real browser and real servers per target; a Next.js build happens in a hook.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // Each file drives its own three browsers; one file at a time on a 2-core machine.
    fileParallelism: false,
  },
});
