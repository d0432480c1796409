// What `@portcullis/core` costs an application (issue 16): one policy wrapping one handler,
// bundled the way an application's bundler would (esbuild bundle + minify, ESM, es2022, then
// gzip -9), measured three ways:
// - `app`: against the built package (`packages/core/dist`), what a user actually ships;
// - `appFromSource`: the same app against `packages/core/src`, with minified bytes per module;
// - `perRequest`: the same app from source with configuration checking taken out (see
//   STUB_VALIDATION), so that only the code a request can run remains.
//
//   node packages/bench/src/size.mjs          prints the three figures and the module table
//   node packages/bench/src/size.mjs --json   the same as JSON

import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BENCH_DIR } from './manifest.mjs';

const CORE_SRC_DIR = fileURLToPath(new URL('../../core/src/', import.meta.url));
const CORE_SRC = `${CORE_SRC_DIR}index.ts`;

/** The application measured: the smallest real use of the core. */
export const APP_CODE =
  "import { cors } from '@portcullis/core';\nexport default cors({ origin: 'https://a.es' }).wrap(() => new Response('x'));\n";

/** Resolves `@portcullis/core` to its TypeScript sources instead of the built package. */
const FROM_SOURCE = {
  name: 'core-from-source',
  setup(b) {
    b.onResolve({ filter: /^@portcullis\/core$/ }, () => ({ path: CORE_SRC }));
  },
};

/**
 * Configuration checking replaced by what it returns for APP_CODE's options: `validateConfig`
 * becomes a function returning that fixed resolved configuration, so the validator and
 * everything only it reaches (option names, the origin parser, RegExp and shared-suffix rules,
 * every configuration message, CorsConfigError) falls away, while the engine still compiles a
 * real configuration and keeps every request-time branch. The stub imports the defaults from
 * resolved-config.ts, as the validator does.
 */
const STUB_VALIDATION = {
  name: 'stub-validation',
  setup(b) {
    b.onResolve({ filter: /(^|\/)validate-config\.js$/ }, (args) => {
      if (!args.importer.startsWith(CORE_SRC_DIR)) return undefined;
      return { path: 'validate-config', namespace: 'stub-validation' };
    });
    b.onLoad({ filter: /.*/, namespace: 'stub-validation' }, () => ({
      loader: 'js',
      resolveDir: CORE_SRC_DIR,
      contents: [
        "import { DEFAULT_ALLOW_HEADERS, DEFAULT_MAX_AGE, DEFAULT_METHODS, DEFAULT_PREFLIGHT_STATUS } from './resolved-config.ts';",
        'export function validateConfig() {',
        '  return {',
        "    origin: { kind: 'list', patterns: [{ scheme: 'https', host: 'a.es', anySubdomain: false, port: '' }], regexps: [] },",
        "    allowMethods: { kind: 'default', names: DEFAULT_METHODS },",
        '    allowHeaders: { wildcard: false, names: DEFAULT_ALLOW_HEADERS },',
        '    exposeHeaders: { wildcard: false, names: [] },',
        '    credentials: false,',
        '    maxAge: DEFAULT_MAX_AGE,',
        '    preflightStatus: DEFAULT_PREFLIGHT_STATUS,',
        '    preflightCacheControl: undefined,',
        '    explainRefusals: true,',
        '    onRefusal: undefined,',
        '    protectWrites: false,',
        '  };',
        '}',
      ].join('\n'),
    }));
  },
};

async function bundle(code, plugins = []) {
  const result = await build({
    stdin: { contents: code, resolveDir: BENCH_DIR, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    metafile: true,
    absWorkingDir: BENCH_DIR,
    plugins,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  const modules = Object.entries(output.inputs)
    .filter(([file]) => file !== '<stdin>')
    .map(([file, { bytesInOutput }]) => ({ module: moduleName(file), bytes: bytesInOutput }))
    .filter((m) => m.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  // Modules are emitted in this order; `inputs` lists them the same way.
  const order = Object.entries(output.inputs).map(([file, { bytesInOutput }]) => ({ module: moduleName(file), bytes: bytesInOutput }));
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, modules, order, text: new TextDecoder().decode(bytes) };
}

function moduleName(file) {
  if (file.startsWith('stub-validation:')) return 'validate-config.ts (stub)';
  return relative(CORE_SRC_DIR, resolve(BENCH_DIR, file));
}

/** The bundle of APP_CODE, for inspection: from the dist, or from source with or without validation. */
export function bundleApp({ source = false, perRequest = false } = {}) {
  return bundle(APP_CODE, [...(source || perRequest ? [FROM_SOURCE] : []), ...(perRequest ? [STUB_VALIDATION] : [])]);
}

/** The three measurements of APP_CODE; `modules` are minified bytes per source module. */
export async function measureCoreSize() {
  const app = await bundle(APP_CODE);
  if (process.env.SIZE_DUMP) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${process.env.SIZE_DUMP}.app.js`, (await bundle(APP_CODE, [FROM_SOURCE])).text);
    writeFileSync(`${process.env.SIZE_DUMP}.request.js`, (await bundle(APP_CODE, [FROM_SOURCE, STUB_VALIDATION])).text);
  }
  const fromSource = await bundle(APP_CODE, [FROM_SOURCE]);
  const perRequest = await bundle(APP_CODE, [FROM_SOURCE, STUB_VALIDATION]);
  return {
    app: { min: app.min, gzip: app.gzip },
    appFromSource: { min: fromSource.min, gzip: fromSource.gzip, modules: fromSource.modules },
    perRequest: { min: perRequest.min, gzip: perRequest.gzip, modules: perRequest.modules },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const size = await measureCoreSize();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(size, null, 2));
  } else {
    const line = (label, m) => console.log(`${label.padEnd(34)} ${String(m.min).padStart(6)} B min  ${String(m.gzip).padStart(6)} B min+gzip`);
    line('cors().wrap(h), built dist', size.app);
    line('cors().wrap(h), from source', size.appFromSource);
    line('per-request path (no validation)', size.perRequest);
    const request = new Map(size.perRequest.modules.map((m) => [m.module, m.bytes]));
    console.log(`\n${'module'.padEnd(30)} ${'min'.padStart(6)} ${'per-request'.padStart(12)}`);
    for (const m of size.appFromSource.modules) {
      console.log(`${m.module.padEnd(30)} ${String(m.bytes).padStart(6)} ${String(request.get(m.module) ?? '').padStart(12)}`);
    }
  }
}
