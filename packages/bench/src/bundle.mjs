// Bundle cost: what each package adds to an application's ESM bundle (esbuild bundle + minify,
// then gzip -9), and how many runtime dependencies it installs. Peers are bundled the same way,
// importing only their CORS part, with their framework left out.

import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BENCH_DIR, readManifest } from './manifest.mjs';
const CORE_SRC = fileURLToPath(new URL('../../core/src/index.ts', import.meta.url));

export const BUNDLES = [
  { id: 'core', label: '@portcullis/core', pkg: '@portcullis/core', code: "export * from '@portcullis/core';", external: [] },
  {
    id: 'fastify',
    label: '@portcullis/fastify (on top of core)',
    pkg: '@portcullis/fastify',
    code: "export { default } from '@portcullis/fastify';",
    external: ['@portcullis/core', 'fastify'],
    adapter: true,
  },
  {
    id: 'bun',
    label: '@portcullis/bun (on top of core)',
    pkg: '@portcullis/bun',
    code: "export * from '@portcullis/bun';",
    external: ['@portcullis/core', 'bun'],
    adapter: true,
  },
  { id: 'hono', label: 'hono/cors (middleware only)', pkg: 'hono', code: "export { cors } from 'hono/cors';", external: [] },
  { id: 'itty', label: 'itty-router cors()', pkg: 'itty-router', code: "export { cors } from 'itty-router';", external: [] },
  { id: 'whatwg', label: '@whatwg-node/server useCORS', pkg: '@whatwg-node/server', code: "export { useCORS } from '@whatwg-node/server';", external: [] },
  { id: 'fastify-cors', label: '@fastify/cors', pkg: '@fastify/cors', code: "export { default } from '@fastify/cors';", external: ['fastify'] },
  { id: 'express-cors', label: 'cors (Express)', pkg: 'cors', code: "export { default } from 'cors';", external: ['express'] },
];

async function minified(code, external) {
  const result = await build({
    stdin: { contents: code, resolveDir: BENCH_DIR, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    write: false,
    external,
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

/** Direct runtime dependencies and every package they pull in, resolved from node_modules. */
export function dependencyCount(pkg) {
  const seen = new Set();
  let direct = 0;
  const visit = (name, fromDir, depth) => {
    const found = readManifest(name, fromDir);
    if (found === undefined) return;
    const deps = Object.keys(found.manifest.dependencies ?? {});
    if (depth === 0) direct = deps.length;
    for (const dep of deps) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      visit(dep, dirname(found.path), depth + 1);
    }
  };
  visit(pkg, BENCH_DIR, 0);
  return { direct, total: seen.size };
}

// The configuration-time validation (every message, the origin parser, the shared-suffix
// list) replaced by a pass-through, to show what the per-request code alone weighs.
const STUB_VALIDATION = {
  name: 'stub-validation',
  setup(b) {
    b.onLoad({ filter: /validate-config\.ts$/ }, () => ({
      loader: 'ts',
      contents: [
        "export const DEFAULT_ALLOW_HEADERS = ['content-type'];",
        'export const DEFAULT_MAX_AGE = 600;',
        'export const DEFAULT_PREFLIGHT_STATUS = 204;',
        'export function validateConfig(options) { return options; }',
      ].join('\n'),
    }));
  },
};

async function gzipOfCore(plugins) {
  const result = await build({
    entryPoints: [CORE_SRC],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    plugins,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

/** Minified bytes of each core source module, to show what the size is made of. */
async function coreBreakdown() {
  const result = await build({
    entryPoints: [CORE_SRC],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  const total = result.outputFiles[0].contents.length;
  const modules = Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => ({ module: relative(dirname(CORE_SRC), file), bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return {
    total,
    gzip: gzipSync(result.outputFiles[0].contents, { level: 9 }).length,
    gzipWithoutValidation: await gzipOfCore([STUB_VALIDATION]),
    modules,
  };
}

function manifestDependencies(pkg) {
  return Object.keys(readManifest(pkg)?.manifest.dependencies ?? {});
}

export async function runBundle() {
  const rows = [];
  for (const b of BUNDLES) {
    try {
      const bytes = await minified(b.code, b.external);
      const row = { ...b, min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, deps: dependencyCount(b.pkg) };
      if (b.adapter) {
        // The adapter's own code, every dependency left out: what the 1 KB target is about.
        const own = await minified(b.code, [...b.external, ...manifestDependencies(b.pkg)]);
        row.ownMin = own.length;
        row.ownGzip = gzipSync(own, { level: 9 }).length;
      }
      rows.push(row);
    } catch (error) {
      rows.push({ ...b, pending: error.message.split('\n')[0] });
    }
  }
  return { rows, core: await coreBreakdown() };
}
