import { defineConfig, type Options } from 'tsup';

/**
 * The one build every published package shares: ESM + CJS + declarations from src/index.ts
 * (and any further `entry`), for the ES2022 runtimes we support. `external` names what must be
 * resolved from the user's installation rather than inlined. Entries share their modules
 * (splitting, in CJS too), so that state such as a class identity exists once per package.
 */
export function libraryConfig({ external = [], entry = ['src/index.ts'] }: { external?: string[]; entry?: string[] } = {}): Options | Options[] {
  return defineConfig({
    entry,
    splitting: entry.length > 1,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    treeshake: true,
    external,
  }) as Options | Options[];
}
