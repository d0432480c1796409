import { fileURLToPath } from 'node:url';
import type { Options } from 'tsup';
import { libraryConfig } from '../tooling/tsup-library';

// The shared library build, plus the command's entry point; @portcullis/browser-model is
// bundled (it is private), @portcullis/core stays a dependency.
const base = libraryConfig({ external: ['@portcullis/core'] }) as Options;

// Both workspace packages are read from their sources, so that this build needs no other
// build first (`pnpm --filter @portcullis/cli build` on a fresh clone): browser-model is
// inlined from src/, and core's types come from src/ while its code stays an import.
const fromSource = {
  '@portcullis/browser-model': fileURLToPath(new URL('../browser-model/src/index.ts', import.meta.url)),
  '@portcullis/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)),
};

const config: Options = {
  ...base,
  entry: { index: 'src/index.ts', bin: 'src/bin.ts' },
  noExternal: ['@portcullis/browser-model'],
  esbuildOptions(options) {
    options.alias = { '@portcullis/browser-model': fromSource['@portcullis/browser-model'] };
  },
  // Its types are inlined too, so that the published declarations stand alone.
  dts: {
    resolve: ['@portcullis/browser-model'],
    compilerOptions: { paths: Object.fromEntries(Object.entries(fromSource).map(([name, path]) => [name, [path]])) },
  },
};

export default config;
