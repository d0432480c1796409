// The tarballs, made as a publish makes them: `pnpm pack` (which replaces `workspace:`
// ranges with real versions) of the dist/ the build left. `prepack` is skipped: rebuilding
// here would delete dist/ under the other test projects that run beside this one; instead
// every dist/ must be newer than everything it is built from.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { must, pnpm } from './commands.js';
import { ROOT, type PublishedPackage } from './workspace.js';

function files(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return [];
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => (name === 'node_modules' ? [] : files(join(path, name))));
}

/** What a package's dist/ is built from: its sources, configuration, and the shared build. */
function buildInputs(pkg: PublishedPackage): string[] {
  const inputs = [
    ...files(join(pkg.path, 'src')),
    join(pkg.path, 'tsup.config.ts'),
    join(pkg.path, 'package.json'),
    join(ROOT, 'packages/tooling/tsup-library.ts'),
    ...(pkg.dir === 'deno' ? files(join(pkg.path, 'node-types')) : []),
  ];
  // The CLI bundles the (private) browser model.
  if (pkg.dir === 'cli') inputs.push(...files(join(ROOT, 'packages/browser-model/src')));
  return inputs;
}

/** Why `pkg`'s dist/ is not a build of its current sources, or undefined when it is. */
export function staleBuild(pkg: PublishedPackage): string | undefined {
  const built = files(join(pkg.path, 'dist'));
  if (built.length === 0) return `${pkg.manifest.name} is not built`;
  const oldest = Math.min(...built.map((file) => statSync(file).mtimeMs));
  for (const input of buildInputs(pkg)) {
    if (statSync(input, { throwIfNoEntry: false }) === undefined) continue;
    if (statSync(input).mtimeMs > oldest) return `${relative(ROOT, input)} changed after ${pkg.manifest.name} was built`;
  }
  return undefined;
}

/** Throws, saying what to run, unless every package's dist/ is fresh. */
export function requireFreshBuilds(packages: PublishedPackage[]): void {
  const stale = packages.map(staleBuild).filter((reason) => reason !== undefined);
  if (stale.length > 0) {
    throw new Error(`${stale.join('; ')}: run \`npx pnpm@10.34.9 -r --filter './packages/**' run build\` first (npm test does)`);
  }
}

export interface Tarball {
  name: string;
  version: string;
  /** Absolute path of the .tgz file. */
  file: string;
}

/** Packs every package into `destination` with one `pnpm -r pack`. */
export async function packAll(packages: PublishedPackage[], destination: string): Promise<Map<string, Tarball>> {
  const filters = packages.flatMap((pkg) => ['--filter', pkg.manifest.name]);
  const { stdout } = await must(
    pnpm[0],
    [...pnpm.slice(1), '-r', ...filters, 'pack', '--pack-destination', destination, '--config.ignore-scripts=true', '--json'],
    { cwd: ROOT, timeout: 120_000 },
  );
  const packed = JSON.parse(stdout.slice(stdout.indexOf('['))) as { name: string; version: string; filename: string }[];
  return new Map(packed.map((p) => [p.name, { name: p.name, version: p.version, file: p.filename }]));
}

export interface TarEntry {
  /** The path inside the package, without the tarball's `package/` prefix. */
  path: string;
  size: number;
  mode: number;
  data: Buffer;
}

/** The regular files of a .tgz, read with the ustar layout npm and pnpm write. */
export function readTarball(file: string): TarEntry[] {
  const tar = gunzipSync(readFileSync(file));
  const entries: TarEntry[] = [];
  const text = (start: number, length: number) => tar.toString('utf8', start, start + length).replace(/\0.*$/s, '');
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const name = text(offset, 100);
    if (name === '') break;
    const size = parseInt(text(offset + 124, 12).trim() || '0', 8);
    const mode = parseInt(text(offset + 100, 8).trim() || '0', 8);
    const type = text(offset + 156, 1);
    const prefix = text(offset + 345, 155);
    const path = (prefix ? `${prefix}/${name}` : name).replace(/^package\//, '');
    if (type === '0' || type === '') entries.push({ path, size, mode, data: tar.subarray(offset + 512, offset + 512 + size) });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}
