import { defineProject } from 'vitest/config';

export default defineProject({
  // Quick starts start real runtimes (Bun, Deno): seconds each on a busy machine.
  test: { name: 'docs', include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
