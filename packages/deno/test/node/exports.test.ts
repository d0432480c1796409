// The npm build (what `npm:@portcullis/deno` and Node toolchains get): what its declarations
// promise as values must be what the built modules export, in both module systems, and the
// surface is the core's user API plus withCors. test/exports.test.ts checks the JSR sources.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
/** What this package adds to (or replaces in) the core's user API. */
const OWN = ['withCors'];

/** The names `file` exports as values (not types), as TypeScript reads the declaration. */
function declaredValues(file: string): string[] {
  const program = ts.createProgram([file], { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, noEmit: true });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!);
  if (module === undefined) throw new Error(`${file} is not a module`);
  return checker
    .getExportsOfModule(module)
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return (target.flags & ts.SymbolFlags.Value) !== 0;
    })
    .map((symbol) => symbol.name)
    .sort();
}

/** The names a fresh Node process finds on the module, loaded with import() or require(). */
function runtimeExports(specifier: string, how: 'import' | 'require'): string[] {
  if (!existsSync(`${PACKAGE_DIR}dist`)) throw new Error('the package is not built: run `pnpm --filter @portcullis/deno build` first');
  const load = how === 'import' ? `await import('${specifier}')` : `(await import('node:module')).createRequire(process.cwd() + '/')('${specifier}')`;
  const source = `const lib = ${load}; console.log(JSON.stringify(Object.keys(lib).filter((k) => k !== 'default' && k !== '__esModule').sort()))`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', source], { cwd: PACKAGE_DIR, encoding: 'utf8' })) as string[];
}

describe('exports: the declarations and the built modules agree', () => {
  it.each([
    { system: 'ESM', how: 'import', dts: 'dist/index.d.ts' },
    { system: 'CJS', how: 'require', dts: 'dist/index.d.cts' },
  ] as const)('$system: every value $dts declares is exported, and only those', ({ how, dts }) => {
    expect(runtimeExports('@portcullis/deno', how)).toEqual(declaredValues(`${PACKAGE_DIR}${dts}`));
  }, 60_000);

  it("the package's own names are its own; every other name is the core's very value", () => {
    const source = `const lib = await import('@portcullis/deno'); const core = await import('@portcullis/core');
      const own = ${JSON.stringify(OWN)};
      console.log(JSON.stringify({
        ownFromCore: own.filter((name) => lib[name] === core[name]),
        coreCopied: Object.keys(core).filter((name) => !own.includes(name) && lib[name] !== core[name]),
      }))`;
    const result = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', source], { cwd: PACKAGE_DIR, encoding: 'utf8' })) as unknown;
    // A copy of CorsConfigError would break `instanceof` between the core and the package.
    expect(result).toEqual({ ownFromCore: [], coreCopied: [] });
  }, 60_000);

  it("the surface is the core's user API plus the package's own names", () => {
    const core = runtimeExports('@portcullis/core', 'import');
    expect(runtimeExports('@portcullis/deno', 'import')).toEqual([...new Set([...core, ...OWN])].sort());
  }, 60_000);
});
