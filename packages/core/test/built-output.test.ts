// The published artefacts: dist/index.js (ESM) and dist/index.cjs (CJS) must both load in a
// plain Node process and behave, and the exports map must resolve them. The root test command
// builds first; a missing build is a failure, never a skip.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, Record<string, Record<string, string>>>;
};
const artefacts = ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts'];

function requireBuild(): void {
  const missing = artefacts.filter((file) => !existsSync(join(packageDir, file)));
  if (missing.length > 0) {
    throw new Error(
      `@portcullis/core is not built (missing ${missing.join(', ')}). ` +
        'Run `pnpm --filter @portcullis/core build` (or the root test command, which builds first).',
    );
  }
}

/** Runs `source` in a fresh Node process from the package directory; returns its stdout. */
function node(args: string[], source: string): string {
  return execFileSync(process.execPath, [...args, source], { cwd: packageDir, encoding: 'utf8', timeout: 30_000 });
}

// The same check in both module systems: an allowed actual request, a refused preflight, and a
// configuration error with its class intact.
const CHECK = `
  const policy = lib.cors({ origin: 'https://myapp.es', credentials: true });
  const h = policy.wrap(() => new Response('ok'));
  const allowed = h(new Request('http://x/', { headers: { origin: 'https://myapp.es' } }));
  const refused = h(new Request('http://x/', { method: 'OPTIONS', headers: { origin: 'https://evil.io', 'access-control-request-method': 'PUT' } }));
  let error = 'none';
  try { lib.cors({ origin: '*', credentials: true }); } catch (e) { error = e instanceof lib.CorsConfigError ? e.problems[0].code : 'wrong class'; }
  console.log(JSON.stringify({
    acao: allowed.headers.get('access-control-allow-origin'),
    acac: allowed.headers.get('access-control-allow-credentials'),
    refusedStatus: refused.status,
    refusedAcao: refused.headers.get('access-control-allow-origin'),
    error,
    exports: Object.keys(lib).filter((k) => k !== 'default' && k !== '__esModule').sort(),
  }));
`;
const EXPECTED = { acao: 'https://myapp.es', acac: 'true', refusedStatus: 403, refusedAcao: null, error: 'origin.wildcard-with-credentials' };
/** The user API, and nothing else: helpers for adapters live in `@portcullis/core/adapter`. */
const MAIN_EXPORTS = ['CorsConfigError', 'REFUSAL_HEADER', 'cors', 'corsByRequest', 'withCors'];

describe('built output', () => {
  it('the build exists', () => {
    requireBuild();
  });

  it.each([
    ['ESM: import() dist/index.js', ['--input-type=module', '-e'], `const lib = await import('./dist/index.js');${CHECK}`],
    ['CJS: require() dist/index.cjs', ['-e'], `const lib = require('./dist/index.cjs');${CHECK}`],
    ['ESM through the exports map', ['--input-type=module', '-e'], `const lib = await import('${'@portcullis/core'}');${CHECK}`],
    ['CJS through the exports map', ['-e'], `const lib = require('@portcullis/core');${CHECK}`],
  ])('%s works', (_name, args, source) => {
    requireBuild();
    const result = JSON.parse(node(args, source)) as typeof EXPECTED & { exports: string[] };
    expect(result).toMatchObject(EXPECTED);
    expect(result.exports).toEqual(MAIN_EXPORTS);
  });

  it('the adapter entry loads in both module systems and shares state with the main one', () => {
    requireBuild();
    const source = (load: string) => `${load}
      let thrown; try { adapter.createCorsEngine({}); } catch (error) { thrown = error; }
      console.log(JSON.stringify({ sameClass: Object.getPrototypeOf(thrown) === main.CorsConfigError.prototype, create: typeof adapter.createCorsEngine }));`;
    const expected = { sameClass: true, create: 'function' };
    expect(JSON.parse(node(['-e'], source("const main = require('@portcullis/core'); const adapter = require('@portcullis/core/adapter');")))).toEqual(expected);
    expect(JSON.parse(node(['--input-type=module', '-e'], source("const main = await import('@portcullis/core'); const adapter = await import('@portcullis/core/adapter');")))).toEqual(expected);
  });

  it('a CorsConfigError from one build is an instance of the class of the other', () => {
    requireBuild();
    const result = node(
      ['--input-type=module', '-e'],
      `import { createRequire } from 'node:module';
       const esm = await import('@portcullis/core');
       const cjs = createRequire(process.cwd() + '/package.json')('@portcullis/core');
       const thrown = (lib) => { try { lib.cors({}); } catch (e) { return e; } };
       console.log(JSON.stringify([
         esm.CorsConfigError !== cjs.CorsConfigError,
         thrown(esm) instanceof cjs.CorsConfigError,
         thrown(cjs) instanceof esm.CorsConfigError,
         thrown(esm) instanceof TypeError,
         new TypeError('x') instanceof esm.CorsConfigError,
       ]));`,
    );
    expect(JSON.parse(result)).toEqual([true, true, true, true, false]);
  });

  it('ESM and CJS export the same names', () => {
    requireBuild();
    const names = (args: string[], load: string) =>
      JSON.parse(node(args, `${load}; console.log(JSON.stringify(Object.keys(lib).filter((k) => k !== 'default' && k !== '__esModule').sort()))`)) as string[];
    expect(names(['-e'], "const lib = require('./dist/index.cjs')")).toEqual(names(['--input-type=module', '-e'], "const lib = await import('./dist/index.js')"));
  });

  it('the exports map resolves each condition to its file', () => {
    requireBuild();
    const resolved = JSON.parse(
      node(
        ['--input-type=module', '-e'],
        `import { createRequire } from 'node:module';
         const require = createRequire(process.cwd() + '/package.json');
         console.log(JSON.stringify({ require: require.resolve('${pkg.name}'), import: import.meta.resolve('${pkg.name}') }));`,
      ),
    ) as { require: string; import: string };
    expect(resolved.require).toBe(join(packageDir, 'dist/index.cjs'));
    expect(fileURLToPath(resolved.import)).toBe(join(packageDir, 'dist/index.js'));
    for (const condition of Object.values(pkg.exports['.']!)) {
      for (const file of Object.values(condition)) expect(existsSync(join(packageDir, file)), file).toBe(true);
    }
  });
});
