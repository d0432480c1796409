import { defineConfig, type Options } from 'tsup';

/**
 * The one build every published package shares: ESM + CJS + declarations from src/index.ts
 * (and any further `entry`), for the ES2022 runtimes we support. `external` names what must be
 * resolved from the user's installation rather than inlined. Entries share their modules
 * (splitting, in CJS too), so that state such as a class identity exists once per package and
 * no code ships twice in one format.
 *
 * No sourcemaps: the output is unminified ES2022 that keeps the sources' names and structure,
 * so stack traces read as they are. A map would either embed the sources (`sourcesContent`)
 * or point at a copy of `src/` in the tarball, and either way every line would ship twice;
 * the TypeScript sources are published on JSR.
 */
export function libraryConfig({ external = [], entry = ['src/index.ts'] }: { external?: string[]; entry?: string[] } = {}): Options | Options[] {
  return defineConfig({
    entry,
    splitting: true,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: false,
    target: 'es2022',
    treeshake: true,
    external,
  }) as Options | Options[];
}
