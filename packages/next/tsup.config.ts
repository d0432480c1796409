import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // `next` is a peer dependency: the app's own copy must be the one whose NextResponse we build.
  external: ['next', '@portcullis/core'],
});
