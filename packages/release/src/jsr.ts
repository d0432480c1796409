// The JSR side: the packages `deno publish` uploads (those with a deno.json, TypeScript
// sources), and changes outside this package that their docs still wait for.
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './commands.js';
import { publishedPackages, readJson, ROOT, type PublishedPackage } from './workspace.js';

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

const HERE = fileURLToPath(new URL('..', import.meta.url));

/**
 * Patches in this folder that change files it does not own, for whoever owns them to apply:
 * `pending` ones still apply to the tree, `stale` ones neither apply nor are applied (the
 * files moved on: regenerate them).
 */
export async function patches(): Promise<{ pending: string[]; stale: string[] }> {
  const pending: string[] = [];
  const stale: string[] = [];
  for (const name of readdirSync(HERE).filter((file) => file.endsWith('.patch')).sort()) {
    const file = join(HERE, name);
    if ((await run('git', ['apply', '--check', file], { cwd: ROOT })).code === 0) pending.push(file);
    else if ((await run('git', ['apply', '--check', '--reverse', file], { cwd: ROOT })).code !== 0) stale.push(file);
  }
  return { pending, stale };
}

/**
 * The folder to run `deno doc` and `deno publish` in: packages/ itself, or, while patches are
 * pending, a copy of what JSR publishes with them applied, so that the check says whether the
 * packages are clean once they are.
 */
export async function jsrWorkspace(pending: string[]): Promise<{ dir: string; copy: string | undefined }> {
  if (pending.length === 0) return { dir: join(ROOT, 'packages'), copy: undefined };
  const copy = mkdtempSync(join(tmpdir(), 'portcullis-jsr-'));
  cpSync(join(ROOT, 'packages/deno.json'), join(copy, 'packages/deno.json'));
  for (const { pkg } of jsrPackages()) {
    for (const item of ['deno.json', 'README.md', 'LICENSE', 'src']) {
      if (existsSync(join(pkg.path, item))) cpSync(join(pkg.path, item), join(copy, 'packages', pkg.dir, item), { recursive: true });
    }
  }
  for (const patch of pending) {
    const applied = await run('git', ['apply', patch], { cwd: copy });
    if (applied.code !== 0) throw new Error(`${patch} does not apply to the copy: ${applied.stderr}`);
  }
  return { dir: join(copy, 'packages'), copy };
}
