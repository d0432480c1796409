// Bundle cost: what each package adds to an application's ESM bundle (esbuild bundle + minify,
// then gzip -9), and how many runtime dependencies it installs. Peers are bundled the same way,
// importing only their CORS part, with their framework left out.

import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BENCH_DIR, readManifest } from './manifest.mjs';
import { APP_CODE, measureCoreSize } from './size.mjs';

export const BUNDLES = [
  { id: 'core', label: '@portcullis/core', pkg: '@portcullis/core', code: "export * from '@portcullis/core';", external: [] },
  // What one policy wrapping one handler costs (see size.mjs); the per-request row is
  // filled in by runBundle from the same measurement.
  { id: 'core-app', label: "@portcullis/core, cors({ origin }).wrap(h)", pkg: '@portcullis/core', code: APP_CODE, external: [] },
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
  // An application imports one entry: Express, Connect and node:http, or Koa.
  {
    id: 'node',
    label: '@portcullis/node (Express, Connect, node:http; on top of core)',
    pkg: '@portcullis/node',
    code: "export * from '@portcullis/node';",
    external: ['@portcullis/core'],
    adapter: true,
  },
  {
    id: 'node-koa',
    label: '@portcullis/node/koa (on top of core)',
    pkg: '@portcullis/node',
    code: "export * from '@portcullis/node/koa';",
    external: ['@portcullis/core'],
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

/**
 * What @portcullis/core's size is made of, for an app doing `cors({ origin }).wrap(h)`:
 * minified bytes per source module, and the same app with configuration checking stubbed out
 * (`gzipWithoutValidation`: the per-request path alone). See size.mjs for how each is measured.
 */
async function coreBreakdown() {
  const size = await measureCoreSize();
  return {
    total: size.appFromSource.min,
    gzip: size.appFromSource.gzip,
    gzipWithoutValidation: size.perRequest.gzip,
    modules: size.appFromSource.modules,
    app: size.app,
    code: size.code,
    suffixList: size.suffixList,
    perRequest: size.perRequest,
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
        // The adapter's own code, every dependency left out: what the own-code targets are about.
        const own = await minified(b.code, [...b.external, ...manifestDependencies(b.pkg)]);
        row.ownMin = own.length;
        row.ownGzip = gzipSync(own, { level: 9 }).length;
      }
      rows.push(row);
    } catch (error) {
      rows.push({ ...b, pending: error.message.split('\n')[0] });
    }
  }
  const core = await coreBreakdown();
  // The per-request path of the same app, as a row of the table (from source, validation stubbed).
  const app = rows.findIndex((r) => r.id === 'core-app');
  rows.splice(app + 1, 0, {
    id: 'core-per-request',
    label: '@portcullis/core, the same, per-request path only (configuration checking stubbed)',
    pkg: '@portcullis/core',
    min: core.perRequest.min,
    gzip: core.perRequest.gzip,
    deps: dependencyCount('@portcullis/core'),
  });
  return { rows, core };
}
