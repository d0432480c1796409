import { defineProject } from 'vitest/config';

export default defineProject({
  // The tests start node, npx and changeset as child processes: seconds each on a busy machine.
  test: { name: 'tooling', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
