// Finding an installed package's package.json the way Node resolves packages (walking up
// node_modules folders), without require.resolve: many packages' `exports` hide package.json.

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * The real path of `name`'s package.json as seen from `fromDir`, or undefined. Real, because
 * pnpm links packages: their own dependencies sit beside the link's target, not the link.
 */
export function manifestPath(name, fromDir = BENCH_DIR) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

export function readManifest(name, fromDir = BENCH_DIR) {
  const path = manifestPath(name, fromDir);
  return path === undefined ? undefined : { path, manifest: JSON.parse(readFileSync(path, 'utf8')) };
}
