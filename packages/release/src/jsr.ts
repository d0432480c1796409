// The JSR side: the packages `deno publish` uploads (those with a deno.json, TypeScript
// sources) from the Deno workspace in packages/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { publishedPackages, readJson, ROOT, type PublishedPackage } from './workspace.js';

/** Where `deno doc` and `deno publish` run: the Deno workspace (packages/deno.json). */
export const JSR_WORKSPACE = join(ROOT, 'packages');

export interface JsrPackage {
  pkg: PublishedPackage;
  /** The module files of its `exports`, relative to the package folder. */
  entries: string[];
}

export function jsrPackages(): JsrPackage[] {
  return publishedPackages()
    .filter((pkg) => existsSync(join(pkg.path, 'deno.json')))
    .map((pkg) => {
      const { exports } = readJson<{ exports: string | Record<string, string> }>(join(pkg.path, 'deno.json'));
      return { pkg, entries: typeof exports === 'string' ? [exports] : Object.values(exports) };
    });
}
