// What the registries read from each published package's own files: where the project lives
// (the same home for every package, taken from the root package.json), who may install it, how
// a publish builds it, the runtimes it supports, its licence, and its JSR manifest.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedLinks, repositoryWebUrl } from '../src/links.js';
import { publishedPackages, readJson, ROOT, rootManifest, vitestProjectName } from '../src/workspace.js';

const packages = publishedPackages();
const root = rootManifest();
const core = packages.find((pkg) => pkg.dir === 'core')!;

/** The lower bound of a `>=X.Y.Z` range, as comparable numbers. */
function lowerBound(range: string | undefined): number[] {
  const match = /^>=(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range ?? '');
  if (match === null) throw new Error(`engines range ${range} is not of the form >=X.Y.Z`);
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}
const atLeast = (a: number[], b: number[]) => a[0]! > b[0]! || (a[0] === b[0] && (a[1]! > b[1]! || (a[1] === b[1] && a[2]! >= b[2]!)));

interface DenoManifest {
  name: string;
  version: string;
  license?: string;
  exports: string | Record<string, string>;
  imports?: Record<string, string>;
  publish?: { include?: string[] };
}

describe('the published packages', () => {
  it('are the library, its five adapters and the CLI', () => {
    expect(packages.map((pkg) => pkg.manifest.name).sort()).toEqual(
      ['@portcullis/bun', '@portcullis/cli', '@portcullis/core', '@portcullis/deno', '@portcullis/fastify', '@portcullis/next', '@portcullis/node'],
    );
  });

  it("the root names the project's one home: repository, homepage and issues on the same site", () => {
    const web = repositoryWebUrl(root);
    expect(root.repository?.url).toMatch(/^git\+https:\/\/.+\.git$/);
    expect(root.homepage).toBe(`${web}#readme`);
    expect(root.bugs).toEqual({ url: `${web}/issues` });
  });
});

describe.each(packages)('$manifest.name', (pkg) => {
  const { manifest } = pkg;

  it('links to the home the root names: repository (with its directory), homepage, bugs', () => {
    const links = expectedLinks(root, pkg.dir);
    expect({ repository: manifest.repository, homepage: manifest.homepage, bugs: manifest.bugs }).toEqual(links);
  });

  it('is public on npm (a scoped package is restricted by default)', () => {
    expect(manifest.publishConfig?.access).toBe('public');
  });

  it('is built before it is packed, by the same build as `build`', () => {
    expect(manifest.scripts?.prepack).toBeDefined();
    expect(manifest.scripts?.prepack).toBe(manifest.scripts?.build);
  });

  it('says which Node.js it needs, no older than the core it depends on', () => {
    expect(atLeast(lowerBound(manifest.engines?.node), lowerBound(core.manifest.engines?.node))).toBe(true);
  });

  it('is an ES module package without side effects, with a description', () => {
    expect(manifest.type).toBe('module');
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.description?.length).toBeGreaterThan(20);
  });

  it("has the root's licence, and a copy of its text", () => {
    expect(manifest.license).toBe(root.license);
    expect(readFileSync(join(pkg.path, 'LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
  });

  it('publishes its build, never its sources: each line of code ships once', () => {
    expect(manifest.files?.filter((entry) => !['dist', 'bin'].includes(entry))).toEqual([]);
  });

  it("runs its own Vitest project from the root configuration with `test`, and its runtime's suite too", () => {
    const project = vitestProjectName(pkg);
    expect(project).toBeDefined();
    const runtime = manifest.scripts?.['test:runtime'];
    expect(manifest.scripts?.test).toBe(
      `vitest run --root ../.. --config vitest.workspace.ts --project ${project}${runtime === undefined ? '' : ` && ${runtime}`}`,
    );
  });
});

describe.each(packages.filter((pkg) => existsSync(join(pkg.path, 'deno.json'))))('$manifest.name on JSR', (pkg) => {
  const deno = readJson<DenoManifest>(join(pkg.path, 'deno.json'));

  it('has the npm name, version and licence', () => {
    expect({ name: deno.name, version: deno.version, license: deno.license }).toEqual({
      name: pkg.manifest.name,
      version: pkg.manifest.version,
      license: pkg.manifest.license,
    });
  });

  it('exports the entry points npm has', () => {
    const jsr = typeof deno.exports === 'string' ? ['.'] : Object.keys(deno.exports);
    const npm = Object.keys(pkg.manifest.exports ?? {}).filter((key) => !key.endsWith('.json'));
    expect(jsr.sort()).toEqual(npm.sort());
  });

  it('publishes its README and LICENSE, which exist', () => {
    expect(deno.publish?.include).toEqual(expect.arrayContaining(['README.md', 'LICENSE']));
    expect(existsSync(join(pkg.path, 'README.md')) && existsSync(join(pkg.path, 'LICENSE'))).toBe(true);
  });

  it('imports the core version that is published beside it', () => {
    for (const [name, target] of Object.entries(deno.imports ?? {})) {
      const dependency = packages.find((other) => other.manifest.name === name);
      if (dependency === undefined) continue;
      const [major, minor] = dependency.manifest.version.split('.');
      expect(target).toBe(`jsr:${name}@^${major}.${minor}.0`);
    }
  });
});
