import { defineProject } from 'vitest/config';

// Node drives a real `bun` process here; everything that runs inside Bun is in `test:runtime`.
export default defineProject({
  test: {
    name: 'bun',
    include: ['test/node/**/*.test.ts'],
    environment: 'node',
  },
});
