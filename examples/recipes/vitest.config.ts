import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-recipes',
    include: ['test/**/*.test.ts'],
    // Elysia's server is a Bun process started in beforeAll.
    hookTimeout: 30_000,
    testTimeout: 15_000,
  },
});
