// Bundles the example for each runtime with esbuild, the way wrangler and Vercel do: one file,
// with @portcullis/core taken from its built dist (the published artefact), not its sources.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

export const ROOT = join(import.meta.dirname, '..');

/** The deployed configuration; local runs use its compatibility date, so they match production. */
export const wrangler = JSON.parse(readFileSync(join(ROOT, 'wrangler.json'), 'utf8')) as {
  readonly compatibility_date: string;
};

export interface Bundle {
  readonly code: string;
  /** The files that went into it, relative to this example. */
  readonly inputs: readonly string[];
}

/** Entries that import @portcullis/core; the inventory service does not. */
const usesCore = (entry: string) => entry !== 'src/inventory.ts';

async function bundle(options: BuildOptions, withCore: boolean): Promise<Bundle> {
  const result = await build({
    ...options,
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    target: 'es2022',
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const core = inputs.filter((input) => input.includes('packages/core/'));
  if ((withCore && core.length === 0) || core.some((input) => !input.includes('packages/core/dist/'))) {
    throw new Error(
      `@portcullis/core must come from its build (packages/core/dist), got ${JSON.stringify(core)}: ` +
        `run \`pnpm -r --filter './packages/**' run build\` first`,
    );
  }
  return { code: result.outputFiles[0]!.text, inputs };
}

/** A Worker module (`export default { fetch }`), as wrangler bundles it for workerd. */
export function bundleWorker(entry: 'src/worker.ts' | 'src/inventory.ts'): Promise<Bundle> {
  return bundle({
    entryPoints: [entry],
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
  }, usesCore(entry));
}

/**
 * A Vercel Edge Function as the Edge runtime runs it: a script whose fetch listener calls the
 * module's default export with (request, context), as Vercel does for `runtime: 'edge'`.
 */
export function bundleEdgeFunction(entry: 'src/vercel-edge.ts' | 'src/inventory.ts'): Promise<Bundle> {
  const call =
    entry === 'src/inventory.ts'
      ? 'module.default.fetch(event.request)'
      : 'module.default(event.request, { waitUntil: (promise) => event.waitUntil(promise) })';
  return bundle({
    stdin: {
      contents: [
        `import * as module from './${entry}';`,
        `if ('config' in module && module.config.runtime !== 'edge') throw new Error('${entry}: config.runtime is not edge');`,
        `addEventListener('fetch', (event) => event.respondWith(${call}));`,
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: `edge-entry-${entry}`,
      loader: 'js',
    },
    format: 'iife',
    platform: 'neutral',
    conditions: ['edge-light', 'worker', 'browser'],
    mainFields: ['module', 'main'],
  }, usesCore(entry));
}
