// The tarballs as `pnpm publish` would upload them: what they hold, and what publint (in
// strict mode, suggestions included) and Are The Types Wrong (every resolution mode, node10
// included) say about them. Both tools read the tarball itself, offline.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAll, readTarball, requireFreshBuilds, type TarEntry, type Tarball } from '../src/pack.js';
import { publishedPackages } from '../src/workspace.js';

const packages = publishedPackages();
const core = packages.find((pkg) => pkg.dir === 'core')!;
/**
 * Core's budget, in kB as npm reports "unpacked size" (1 kB = 1,000 bytes): it once shipped
 * 470 kB for 48 kB of JavaScript, its sources and their sourcemaps three times over. Since
 * then the generated Public Suffix List (70 kB, once in the ESM build and once in the CJS
 * one) and the RegExp backtracking check joined it: about 425 kB.
 */
const CORE_MAX_UNPACKED = 450_000;

let directory: string;
let tarballs: Map<string, Tarball>;

beforeAll(async () => {
  requireFreshBuilds(packages);
  directory = mkdtempSync(join(tmpdir(), 'portcullis-tarballs-'));
  tarballs = await packAll(packages, directory);
});

afterAll(() => {
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
});

const entries = (name: string): TarEntry[] => readTarball(tarballs.get(name)!.file);

describe.each(packages)('$manifest.name tarball', (pkg) => {
  const { name } = pkg.manifest;

  it('holds the manifest, README, LICENSE and the build, nothing else', () => {
    const paths = entries(name).map((entry) => entry.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
    const allowed = pkg.dir === 'cli' ? /^(dist|bin)\// : /^dist\//;
    expect(paths.filter((path) => !['package.json', 'README.md', 'LICENSE'].includes(path) && !allowed.test(path))).toEqual([]);
  });

  it('carries each line of code once: no sources, no sourcemaps, no file twice but the ESM/CJS declaration pairs', () => {
    const files = entries(name);
    expect(files.filter((entry) => /\.map$|^src\//.test(entry.path)).map((entry) => entry.path)).toEqual([]);
    expect(files.filter((entry) => entry.data.includes('sourceMappingURL')).map((entry) => entry.path)).toEqual([]);
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const entry of files) {
      const key = entry.data.toString('base64');
      const first = seen.get(key);
      // A .d.cts must exist beside each .d.ts for `require` under node16; tsup writes them equal.
      const pair = (path: string) => path.replace(/\.d\.c?ts$/, '.d.ts');
      if (first !== undefined && (pair(first) !== pair(entry.path) || first === entry.path)) duplicates.push(`${first} = ${entry.path}`);
      seen.set(key, entry.path);
    }
    expect(duplicates).toEqual([]);
  });

  it('depends on real versions, never `workspace:` ranges', () => {
    const packed = JSON.parse(entries(name).find((entry) => entry.path === 'package.json')!.data.toString('utf8')) as {
      dependencies?: Record<string, string>;
    };
    const dependencies = Object.entries(packed.dependencies ?? {});
    expect(dependencies.filter(([, range]) => range.startsWith('workspace:'))).toEqual([]);
    for (const [dependency, range] of dependencies) {
      if (dependency === core.manifest.name) expect(range).toBe(`^${core.manifest.version}`);
    }
  });

  it('publint --strict: no error, warning or suggestion', async () => {
    const data = readFileSync(tarballs.get(name)!.file);
    const tarball = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    const { messages, pkg: manifest } = await publint({ pack: { tarball }, strict: true, level: 'suggestion' });
    expect(messages.map((message) => `${message.type} ${message.code}: ${formatMessage(message, manifest, { color: false })}`)).toEqual([]);
  });

  it('attw: the types resolve and match the module kind for node10, node16 (ESM and CJS) and bundlers', async () => {
    const data = new Uint8Array(readFileSync(tarballs.get(name)!.file));
    const result = await checkPackage(createPackageFromTarballData(data));
    expect(result.types).not.toBe(false);
    expect('problems' in result ? result.problems : []).toEqual([]);
  });
});

describe('sizes', () => {
  it(`core ships under ${CORE_MAX_UNPACKED / 1000} kB unpacked`, () => {
    const size = entries(core.manifest.name).reduce((sum, entry) => sum + entry.size, 0);
    expect(size).toBeLessThan(CORE_MAX_UNPACKED);
  });
});
