// Versioning with changesets: the changeset files kept in packages/tooling/changesets are
// well formed and name real, published packages, and the wrapper that runs `changeset` on a
// temporary .changeset/ leaves the repository as it found it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module of the repository's scripts, without declarations
import { runChangesets } from '../src/changesets.mjs';

const ROOT = join(import.meta.dirname, '../../..');
const KEPT = join(ROOT, 'packages/tooling/changesets');

/** Every published workspace package, by name. */
function publishedPackages(): Set<string> {
  const names = new Set<string>();
  for (const dir of readdirSync(join(ROOT, 'packages'))) {
    const file = join(ROOT, 'packages', dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name: string; private?: boolean };
    if (pkg.private !== true) names.add(pkg.name);
  }
  return names;
}

const changesets = readdirSync(KEPT).filter((f) => f.endsWith('.md'));

describe('changesets', () => {
  it('there is at least one, since this repository has unreleased changes', () => {
    expect(changesets.length).toBeGreaterThan(0);
  });

  it.each(changesets)('%s names published packages with a semver bump and says what changed', (file) => {
    const text = readFileSync(join(KEPT, file), 'utf8');
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]+)$/.exec(text);
    expect(match, 'front matter between --- lines, then a summary').not.toBeNull();
    const published = publishedPackages();
    for (const line of match![1]!.split('\n')) {
      const entry = /^"(@portcullis\/[a-z-]+)": (patch|minor|major)$/.exec(line);
      expect(entry, line).not.toBeNull();
      expect(published.has(entry![1]!), entry![1]).toBe(true);
    }
    expect(match![2]!.trim().length).toBeGreaterThan(20);
  });

  it('the wrapper runs changeset on a temporary .changeset/ and leaves nothing behind', () => {
    const before = readdirSync(KEPT).sort();
    const result = runChangesets(['status'], { stdio: 'pipe' }) as { status: number; stdout: string; stderr: string };
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(ROOT, '.changeset'))).toBe(false);
    expect(readdirSync(KEPT).sort()).toEqual(before);
  });
});
