// The packages as a user gets them: packed, installed with plain npm into a fresh project
// outside the workspace (one install for all of them), then loaded by Node (import and
// require), compiled by TypeScript the strictest ways a project compiles them, and loaded by
// Bun and Deno. What the declarations promise must be what each runtime finds.
import { realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUN, DENO, must } from '../src/commands.js';
import { declaredExports, declaredValues } from '../src/declarations.js';
import { requireFreshBuilds } from '../src/pack.js';
import { createProject, loaderSource, type Entry, type Project } from '../src/project.js';
import { quickStart } from '../src/readme.js';
import { usageSource } from '../src/usage.js';
import { publishedPackages, ROOT } from '../src/workspace.js';

const packages = publishedPackages();
const core = packages.find((pkg) => pkg.dir === 'core')!;
const specifiers = packages.flatMap((pkg) => pkg.specifiers);

type Loaded = Record<string, Record<'import' | 'require', { names: string[]; primitives: string[]; shared: string[] }>>;

let project: Project;
/** What `checks/load.mjs` printed in each runtime. */
const loaded: Partial<Record<'node' | 'bun' | 'deno', Loaded>> = {};

beforeAll(async () => {
  requireFreshBuilds(packages);
  project = await createProject(packages);
  writeFileSync(join(project.dir, 'checks/load.mjs'), loaderSource(specifiers, core.manifest.name));
  for (const entry of project.entries) {
    const base = join(project.dir, 'checks', entry.specifier.replace('@portcullis/', '').replace('/', '-'));
    writeFileSync(`${base}.ts`, usageSource(entry.specifier, declaredExports(entry.types.import), 'esm'));
    writeFileSync(`${base}.cts`, usageSource(entry.specifier, declaredExports(entry.types.require), 'cjs'));
  }
  writeFileSync(join(project.dir, 'checks/readme-core.ts'), quickStart(core));
  writeFileSync(join(project.dir, 'checks/readme-core-run.ts'), README_RUN);
});

afterAll(() => {
  if (project !== undefined) rmSync(project.dir, { recursive: true, force: true });
});

const entry = (specifier: string): Entry => project.entries.find((e) => e.specifier === specifier)!;
const coreDir = () => realpathSync(join(project.dir, 'node_modules', core.manifest.name)) + sep;

/** The values an adapter's declarations take from core (by `export *`), which must be core's own at run time. */
function valuesFromCore(file: string): string[] {
  return declaredExports(file)
    .filter((e) => e.value && realpathSync(e.declaredIn).startsWith(coreDir()))
    .map((e) => e.name);
}

async function load(runtime: 'node' | 'bun' | 'deno'): Promise<Loaded> {
  const command = { node: [process.execPath], bun: [BUN], deno: [DENO, 'run', '--allow-read', '--allow-env', '--allow-sys'] }[runtime];
  const { stdout } = await must(command[0]!, [...command.slice(1), 'checks/load.mjs'], { cwd: project.dir, env: { DENO_NO_UPDATE_CHECK: '1' } });
  return JSON.parse(stdout) as Loaded;
}

describe.each(['node', 'bun', 'deno'] as const)('%s loads every entry', (runtime) => {
  beforeAll(async () => {
    loaded[runtime] = await load(runtime);
  });

  it.each(specifiers)('%s: import() returns exactly the values its .d.ts declares, require() those its .d.cts declares', (specifier) => {
    const { types } = entry(specifier);
    const result = loaded[runtime]![specifier]!;
    expect({ import: result.import.names, require: result.require.names }).toEqual({
      import: declaredValues(types.import),
      require: declaredValues(types.require),
    });
  });

  it.each(specifiers.filter((s) => !s.startsWith(core.manifest.name)))(
    "%s: the objects and functions it re-exports from core are core's very values (one core, so `instanceof CorsConfigError` holds); what it declares itself is its own",
    (specifier) => {
      const { types } = entry(specifier);
      const result = loaded[runtime]![specifier]!;
      const expected = (file: string, primitives: string[]) => valuesFromCore(file).filter((name) => !primitives.includes(name));
      expect({ import: result.import.shared, require: result.require.shared }).toEqual({
        import: expected(types.import, result.import.primitives),
        require: expected(types.require, result.require.primitives),
      });
    },
  );
});

// Next's own declarations fail `skipLibCheck: false` on their own (they name
// react-server-dom-webpack, URLPattern, webpack internals an app never installs), and so do
// Bun's (bun-types names Node types that @types/node does not declare): their diagnostics are
// left out, every other file's count, ours and the generated ones first.
const FOREIGN = ['next', 'bun-types'];

/**
 * @portcullis/deno's declarations name Deno's global types, which Deno provides; in a Node
 * program, the package's stand-in declarations do (the deno package checks them against
 * Deno's own, and Deno itself compiles the same files below).
 */
const DENO_GLOBALS = join(ROOT, 'packages/deno/node-types/deno-serve.d.ts');

function typeCheck(resolution: 'node16' | 'bundler'): string[] {
  const foreign = FOREIGN.map((name) => realpathSync(join(project.dir, 'node_modules', name)) + sep);
  const files = project.entries.flatMap((e) => {
    const base = join(project.dir, 'checks', e.specifier.replace('@portcullis/', '').replace('/', '-'));
    return resolution === 'node16' ? [`${base}.ts`, `${base}.cts`] : [`${base}.ts`];
  });
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    module: resolution === 'node16' ? ts.ModuleKind.Node16 : ts.ModuleKind.ESNext,
    moduleResolution: resolution === 'node16' ? ts.ModuleResolutionKind.Node16 : ts.ModuleResolutionKind.Bundler,
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    noEmit: true,
    types: ['node'],
    typeRoots: [join(project.dir, 'node_modules/@types')],
  };
  const roots = [...files, join(project.dir, 'checks/readme-core.ts'), DENO_GLOBALS];
  const program = ts.createProgram(roots, options);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || !foreign.some((dir) => realpathSync(d.file!.fileName).startsWith(dir)))
    .map((d) => `${d.file?.fileName ?? ''}:${d.start ?? ''} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('TypeScript, skipLibCheck: false, every export of every entry used', () => {
  it.each([
    { resolution: 'node16', how: 'ESM files (import), .cts files (require) and the core README quick start' },
    { resolution: 'bundler', how: 'ESM files and the core README quick start' },
  ] as const)('moduleResolution: $resolution: $how compile', ({ resolution }) => {
    expect(typeCheck(resolution)).toEqual([]);
  });

  // Deno reports no error inside an npm package's declarations (the checks above do), but it
  // is the one to type @portcullis/deno's Deno.* with Deno's own declarations.
  it('Deno compiles the same ESM files, with its own types for Deno.*', async () => {
    const files = project.entries.map((e) => `checks/${e.specifier.replace('@portcullis/', '').replace('/', '-')}.ts`);
    await must(DENO, ['check', ...files, 'checks/readme-core.ts'], { cwd: project.dir, env: { DENO_NO_UPDATE_CHECK: '1' } });
  });
});

/** Calls the README's default export as a server would, from an allowed origin and another. */
const README_RUN = `import server from './readme-core.ts';
const ask = async (origin: string) => {
  const response = await server.fetch(new Request('http://api.test/', { headers: { origin } }));
  return { status: response.status, acao: response.headers.get('access-control-allow-origin'), acac: response.headers.get('access-control-allow-credentials'), body: await response.json() };
};
console.log(JSON.stringify([await ask('https://app.myapp.es'), await ask('https://evil.example')]));
`;

describe("the core README's quick start, against the installed package", () => {
  it.each(['bun', 'deno'] as const)('runs in %s: an allowed origin reads the answer, another does not', async (runtime) => {
    const command = runtime === 'bun' ? [BUN] : [DENO, 'run', '--allow-read', '--allow-env'];
    const { stdout } = await must(command[0]!, [...command.slice(1), 'checks/readme-core-run.ts'], { cwd: project.dir, env: { DENO_NO_UPDATE_CHECK: '1' } });
    expect(JSON.parse(stdout)).toEqual([
      { status: 200, acao: 'https://app.myapp.es', acac: 'true', body: { ok: true } },
      { status: 200, acao: null, acac: null, body: { ok: true } },
    ]);
  });
});
