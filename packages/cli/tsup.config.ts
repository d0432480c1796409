import type { Options } from 'tsup';
import { libraryConfig } from '../tooling/tsup-library';

// The shared library build, plus the command's entry point; @portcullis/browser-model is
// bundled (it is private), @portcullis/core stays a dependency.
const base = libraryConfig({ external: ['@portcullis/core'] }) as Options;

const config: Options = {
  ...base,
  entry: { index: 'src/index.ts', bin: 'src/bin.ts' },
  noExternal: ['@portcullis/browser-model'],
  // Its types are inlined too, so that the published declarations stand alone.
  dts: { resolve: ['@portcullis/browser-model'] },
};

export default config;
