import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // `bun` is only ever imported for types; core stays a real dependency, never inlined.
  external: ['bun', '@portcullis/core'],
});
