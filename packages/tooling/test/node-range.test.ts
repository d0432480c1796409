// One supported Node.js range, stated once: the root package.json's `engines.node`. The README
// quotes it, every published package declares it, no manifest declares another, and the
// README's commands (which CI runs) refuse any other Node.js with a sentence.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module of the repository's scripts, without declarations
import { satisfies, supportedRange } from '../src/node-version.mjs';

const ROOT = join(import.meta.dirname, '../../..');

interface Manifest {
  name: string;
  private?: boolean;
  engines?: { node?: string };
}

/** Every manifest of the workspace: the root's, then each package's and each example's. */
function manifests(): { path: string; manifest: Manifest }[] {
  const found = ['package.json'];
  for (const folder of ['packages', 'examples']) {
    for (const name of readdirSync(join(ROOT, folder)).sort()) {
      const path = `${folder}/${name}/package.json`;
      if (existsSync(join(ROOT, path))) found.push(path);
    }
  }
  return found.map((path) => ({ path, manifest: JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Manifest }));
}

const range: string = supportedRange();

describe('the supported Node.js range', () => {
  it('is the root package.json engines.node, of the form >=X.Y', () => {
    expect(range).toMatch(/^>=\d+\.\d+$/);
  });

  it('is stated once in the README, as the root package.json says', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const statements = [...readme.matchAll(/Node\.js versions?: `([^`]+)`/g)].map((m) => m[1]);
    expect(statements).toEqual([range]);
  });

  it('is what every published package declares, and no manifest declares another', () => {
    const wrong = manifests().filter(
      ({ manifest }) => manifest.engines?.node !== range && (manifest.private !== true || manifest.engines?.node !== undefined),
    );
    expect(wrong.map(({ path, manifest }) => `${path}: ${manifest.engines?.node ?? 'none'}`)).toEqual([]);
  });

  it('is the lower bound of every "Node.js X+" the documentation states', () => {
    const pages = manifests()
      .map(({ path }) => join(ROOT, path, '../README.md'))
      .filter((page) => existsSync(page));
    const bound = range.slice(2);
    const claims = pages.flatMap((page) =>
      [...readFileSync(page, 'utf8').matchAll(/Node(?:\.js)? ?(\d[\d.]*)(?:\+| or later)/g)].map((m) => ({ page, version: m[1] })),
    );
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.filter(({ version }) => version !== bound).map(({ page, version }) => `${relative(ROOT, page)}: ${version}`)).toEqual([]);
  });

  it('contains the Node.js running these tests', () => {
    expect(satisfies(process.versions.node, range)).toBe(true);
  });

  it.each([
    { rule: 'a later major version', version: '22.0.0', range: '>=20.11', inside: true },
    { rule: 'a later minor version', version: '20.20.1', range: '>=20.11', inside: true },
    { rule: 'the lower bound itself', version: '20.11.0', range: '>=20.11', inside: true },
    { rule: 'an earlier minor version', version: '20.9.0', range: '>=20.11', inside: false },
    { rule: 'an earlier major version', version: '18.20.4', range: '>=20.11', inside: false },
    { rule: 'a v-prefixed version', version: 'v20.10.0', range: '>=20.11', inside: false },
    { rule: 'a patch bound', version: '20.11.0', range: '>=20.11.1', inside: false },
  ])('compares versions: $rule', ({ version, range, inside }) => {
    expect(satisfies(version, range)).toBe(inside);
  });

  it('refuses a range it cannot read', () => {
    expect(() => satisfies('20.0.0', '^20')).toThrow(/engines.node must be of the form >=X.Y/);
  });

  it.each(['start', 'test', 'build-cli'])('is required by the README command %s, which CI runs, before anything else', (command) => {
    // A Node.js that says it is 18: run.mjs must stop with a sentence before installing anything.
    const older = `data:text/javascript,Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '18.20.4' } });`;
    const result = spawnSync(process.execPath, ['--import', older, join(ROOT, 'packages/tooling/run.mjs'), command], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`portcullis: this repository needs Node.js ${range} (package.json engines); this is Node.js 18.20.4`);
    expect(result.stdout).toBe('');
  });
});
