import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'migration',
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
