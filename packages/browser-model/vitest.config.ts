import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'browser-model',
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
