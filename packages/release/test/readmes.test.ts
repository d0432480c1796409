// Each package's README is its page on npm and JSR, where a relative link leads nowhere: every
// link is absolute (into the repository, at a file that exists) or an anchor of the page. The
// page says how to install the package and starts it, and core's quick start runs (in
// installed.test.ts).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRANCH, repositoryWebUrl } from '../src/links.js';
import { codeBlocks, headingAnchors, linkTargets, readme } from '../src/readme.js';
import { publishedPackages, ROOT, rootManifest } from '../src/workspace.js';

const packages = publishedPackages();
const web = repositoryWebUrl(rootManifest());

/** Why `target`, a link into the repository, leads nowhere; undefined when it leads somewhere. */
function brokenRepositoryLink(target: string): string | undefined {
  const [address, fragment] = target.split('#') as [string, string | undefined];
  let path: string;
  if (address === web) path = '';
  else if (address.startsWith(`${web}/blob/${BRANCH}/`) || address.startsWith(`${web}/tree/${BRANCH}/`)) {
    path = address.slice(`${web}/blob/${BRANCH}/`.length);
  } else if (address === `${web}/issues`) return undefined;
  else return `not a page of the repository at ${BRANCH}`;
  const local = join(ROOT, path);
  if (!existsSync(local)) return `${path} does not exist`;
  if (fragment === undefined) return undefined;
  const page = statSync(local).isDirectory() ? join(local, 'README.md') : local;
  if (fragment === 'readme' && page.endsWith('README.md')) return undefined;
  if (!page.endsWith('.md') || !existsSync(page)) return `#${fragment} on a page without headings`;
  return headingAnchors(readFileSync(page, 'utf8')).has(fragment) ? undefined : `no heading #${fragment} in ${page.slice(ROOT.length)}`;
}

describe.each(packages)('$manifest.name README', (pkg) => {
  const text = readme(pkg);
  const targets = linkTargets(text);

  it('is titled with the package name', () => {
    expect(text.split('\n')[0]).toBe(`# ${pkg.manifest.name}`);
  });

  it('says how to install it', () => {
    const install = new RegExp(`\\b(npm (install|i)|pnpm add|yarn add|bun add|deno add)\\b[^\\n]*\\s(jsr:)?${pkg.manifest.name.replace('/', '\\/')}(\\s|$)`, 'm');
    expect(codeBlocks(text).some((block) => block.lang === 'sh' && install.test(block.code))).toBe(true);
  });

  it('shows code before the reference', () => {
    expect(codeBlocks(text).some((block) => ['ts', 'console'].includes(block.lang))).toBe(true);
  });

  it('has links', () => {
    expect(targets.length).toBeGreaterThan(0);
  });

  it('links only to absolute addresses or to its own headings: relative links break on a registry page', () => {
    expect(targets.filter((target) => !/^(https?:\/\/|mailto:|#)/.test(target))).toEqual([]);
  });

  it('links to headings it has', () => {
    const anchors = headingAnchors(text);
    expect(targets.filter((target) => target.startsWith('#') && !anchors.has(target.slice(1)))).toEqual([]);
  });

  it('links into the repository only at files and headings that exist', () => {
    const broken = targets.filter((target) => target.startsWith(web)).map((target) => [target, brokenRepositoryLink(target)]);
    expect(broken.filter(([, reason]) => reason !== undefined)).toEqual([]);
  });
});

describe('@portcullis/core README', () => {
  const core = packages.find((pkg) => pkg.dir === 'core')!;

  it('has one TypeScript block, the quick start the release check installs and runs', () => {
    const blocks = codeBlocks(readme(core)).filter((block) => block.lang === 'ts');
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.code).toContain("from '@portcullis/core'");
  });

  it("lists the options as the repository's options page does, with its links made absolute", () => {
    const table = (text: string) => text.slice(text.indexOf('| option | type | default |')).split('\n\n')[0]!;
    const page = table(readFileSync(join(ROOT, 'packages/docs/options.md'), 'utf8')).replace(
      /\]\((?!https?:)([^)]*)\)/g,
      (_link, target: string) => `](${web}/blob/${BRANCH}/packages/docs/${target.startsWith('#') ? `options.md${target}` : target})`,
    );
    expect(table(readme(core))).toBe(page);
  });
});
