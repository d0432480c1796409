// The repository as the release check sees it: the root manifest, and the packages it
// publishes (every package under packages/ that is not private).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  license?: string;
  type?: string;
  sideEffects?: boolean;
  main?: string;
  module?: string;
  types?: string;
  bin?: Record<string, string>;
  repository?: { type: string; url: string; directory?: string };
  homepage?: string;
  bugs?: { url: string };
  exports?: Record<string, unknown>;
  files?: string[];
  engines?: Record<string, string>;
  publishConfig?: Record<string, unknown>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface PublishedPackage {
  /** The folder under packages/, e.g. `core`. */
  dir: string;
  /** Its absolute path. */
  path: string;
  manifest: Manifest;
  /** What users import: the package name and each subpath of its exports map, e.g. `@portcullis/core/adapter`. */
  specifiers: string[];
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export const rootManifest = (): Manifest => readJson<Manifest>(join(ROOT, 'package.json'));

/** Every non-private package under packages/, core first (the others depend on it). */
export function publishedPackages(): PublishedPackage[] {
  const packages: PublishedPackage[] = [];
  for (const dir of readdirSync(join(ROOT, 'packages')).sort()) {
    const file = join(ROOT, 'packages', dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = readJson<Manifest>(file);
    if (manifest.private === true) continue;
    const subpaths = Object.keys(manifest.exports ?? { '.': null }).filter((key) => !key.endsWith('.json'));
    packages.push({
      dir,
      path: join(ROOT, 'packages', dir),
      manifest,
      specifiers: subpaths.map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`)),
    });
  }
  return packages.sort((a, b) => Number(b.dir === 'core') - Number(a.dir === 'core'));
}

/** The package's Vitest project name, as its vitest.config.ts declares it. */
export function vitestProjectName(pkg: PublishedPackage): string | undefined {
  const config = join(pkg.path, 'vitest.config.ts');
  if (!existsSync(config)) return undefined;
  return /\bname:\s*'([^']+)'/.exec(readFileSync(config, 'utf8'))?.[1];
}
