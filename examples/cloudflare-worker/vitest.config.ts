import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-cloudflare-worker',
    include: ['test/**/*.test.ts'],
    // Bundling and starting workerd happen in beforeAll.
    hookTimeout: 30_000,
    testTimeout: 15_000,
  },
});
