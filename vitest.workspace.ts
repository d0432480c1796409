import { defineConfig } from 'vitest/config';

// The root test configuration: one project per workspace package that has Vitest tests.
// Run with `vitest --config vitest.workspace.ts`.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts'],
  },
});
