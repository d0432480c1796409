import { defineConfig, type Options } from 'tsup';

/**
 * The one build every published package shares: ESM + CJS + declarations from src/index.ts,
 * for the ES2022 runtimes we support. `external` names what must be resolved from the user's
 * installation rather than inlined.
 */
export function libraryConfig({ external = [] }: { external?: string[] } = {}): Options | Options[] {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    treeshake: true,
    external,
  }) as Options | Options[];
}
