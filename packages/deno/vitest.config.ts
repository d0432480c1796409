import { defineProject } from 'vitest/config';

// The npm build, checked from Node; everything that runs inside Deno is in `test:runtime`
// (deno.json keeps `deno test` out of test/node).
export default defineProject({
  test: {
    name: 'deno',
    include: ['test/node/**/*.test.ts'],
    environment: 'node',
  },
});
