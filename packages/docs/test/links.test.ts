// Every relative link of the front page and of the pages leads to a file that exists, and to a
// heading that exists on it; the front page links every page. (Links that leave
// the repository are not followed: the tests run offline.)
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingAnchors, linkTargets } from '../../release/src/readme.js';
import { FRONT_PAGE, pages, read, shown } from './support/markdown.js';

const EXTERNAL = /^(https?:|mailto:)/;

/** The file a relative link leads to (a folder's README.md for a folder), and its fragment. */
function resolveLink(from: string, target: string): { file: string; fragment: string | undefined } {
  const [address, fragment] = target.split('#') as [string, string | undefined];
  const path = address === '' ? from : resolve(dirname(from), decodeURIComponent(address));
  const file = existsSync(path) && statSync(path).isDirectory() && existsSync(join(path, 'README.md')) ? join(path, 'README.md') : path;
  return { file, fragment };
}

/** Why a relative link leads nowhere; undefined when it leads somewhere. */
function broken(from: string, target: string): string | undefined {
  const { file, fragment } = resolveLink(from, target);
  if (!existsSync(file)) return `${shown(file)} does not exist`;
  if (fragment === undefined) return undefined;
  if (!file.endsWith('.md') || statSync(file).isDirectory()) return `#${fragment} on ${shown(file)}, which has no headings`;
  return headingAnchors(read(file)).has(fragment) ? undefined : `${shown(file)} has no heading #${fragment}`;
}

describe.each(pages().map((page) => ({ page, name: shown(page) })))('$name', ({ page }) => {
  const targets = linkTargets(read(page)).filter((target) => !EXTERNAL.test(target));

  it('has relative links only to files and headings that exist', () => {
    const failures = targets.map((target) => [target, broken(page, target)]).filter(([, reason]) => reason !== undefined);
    expect(failures).toEqual([]);
  });
});

describe('the pages', () => {
  it('are each linked from the front page', () => {
    const linked = new Set(linkTargets(read(FRONT_PAGE)).filter((t) => !EXTERNAL.test(t)).map((t) => resolveLink(FRONT_PAGE, t).file));
    expect(pages().filter((page) => page !== FRONT_PAGE && !linked.has(page)).map(shown)).toEqual([]);
  });

  it('know a broken link when they see one', () => {
    expect(broken(FRONT_PAGE, 'packages/docs/options.md#options-that-do-not-exist')).toMatch(/has no heading/);
    expect(broken(FRONT_PAGE, 'packages/docs/no-such-page.md')).toMatch(/does not exist/);
    expect(broken(FRONT_PAGE, 'packages/core')).toBeUndefined();
    expect(broken(FRONT_PAGE, '#what-a-mistake-looks-like')).toBeUndefined();
  });
});
