import { defineProject } from 'vitest/config';

// The release check. It packs the built packages (run the build first: `npm test` does), so its
// files are slow by nature: an npm install, several TypeScript programs, Bun and Deno.
export default defineProject({
  test: {
    name: 'release',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
