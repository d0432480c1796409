// Docs are code. Every TypeScript or JavaScript block of the front page and the pages is one of:
// - an excerpt of a file the tests run, named on its first line (`// examples/...`), quoted as
//   it is;
// - a quick start of the front page, titled with its file name, which quick-starts.test.ts runs;
// - a call followed by the error it prints, which front-page.test.ts runs;
// - a module that type-checks against the built packages.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocks, corsArgument, DOCS, FRONT_PAGE, pages, read, ROOT, shown, type Block } from './support/markdown.js';
import { typecheck } from './support/typecheck.js';

const CODE = new Set(['ts', 'js']);

interface PageBlock extends Block {
  readonly page: string;
  readonly index: number;
  /** Whether the block right after it is the text it prints. */
  readonly printsNext: boolean;
}

const all: PageBlock[] = pages().flatMap((page) => {
  const list = blocks(read(page));
  return list.map((block, index) => {
    const next = list[index + 1];
    const printsNext = next?.lang === 'text' && next.offset - (block.offset + block.code.length) < 40;
    return { ...block, page, index, printsNext };
  });
});

/** The file an excerpt quotes, from its first line; undefined for any other block. */
function excerptOf(block: Block): string | undefined {
  const path = /^\/\/ ((?:examples|packages)\/\S+)\n/.exec(block.code)?.[1];
  return path !== undefined && existsSync(join(ROOT, path)) ? path : undefined;
}

const code = all.filter((block) => CODE.has(block.lang));
const excerpts = code.filter((block) => excerptOf(block) !== undefined);
const modules = code.filter((block) => excerptOf(block) === undefined && block.title === undefined && !block.printsNext);

describe('excerpts', () => {
  it.each(excerpts.map((block) => ({ file: excerptOf(block)!, where: shown(block.page), block })))(
    '$where quotes $file as it is',
    ({ file, block }) => {
      const body = block.code.slice(block.code.indexOf('\n') + 1);
      expect(readFileSync(join(ROOT, file), 'utf8')).toContain(body.trimEnd());
    },
  );

  it('show, on the adapters page, at least one excerpt of each adapter example', () => {
    const files = excerpts.filter((block) => block.page === join(DOCS, 'adapters.md')).map((block) => excerptOf(block)!);
    for (const adapter of ['next', 'bun', 'deno', 'fastify']) {
      expect(files.some((file) => file.startsWith(`examples/${adapter}/`)), adapter).toBe(true);
    }
    // @portcullis/node's runnable example is the node:http recipe, which imports it.
    expect(files).toContain('examples/recipes/src/node-http.ts');
    expect(readFileSync(join(ROOT, 'examples/recipes/src/node-http.ts'), 'utf8')).toContain("from '@portcullis/node'");
  });
});

describe('the core page', () => {
  it('shows the policy of the runnable example verbatim', () => {
    const example = readFileSync(join(ROOT, 'examples/node/src/api.ts'), 'utf8');
    const shownBlock = code.find((b) => b.page === join(DOCS, 'requests.md') && b.code.includes("from '@portcullis/core'"))!;
    expect(corsArgument(shownBlock.code)).toBe(corsArgument(example));
  });
});

describe('every other block', () => {
  it('is a quick start or a printed error only where the tests that run those look', () => {
    const titled = code.filter((block) => block.title !== undefined && excerptOf(block) === undefined);
    const quickStarts = read(FRONT_PAGE).indexOf('\n## Quick start\n');
    const afterQuickStarts = read(FRONT_PAGE).indexOf('\n## ', quickStarts + 1);
    for (const block of titled) {
      expect(block.page, `${shown(block.page)}: ${block.title}`).toBe(FRONT_PAGE);
      expect(block.offset > quickStarts && block.offset < afterQuickStarts, `${block.title} is under ## Quick start`).toBe(true);
    }
    const printing = code.filter((block) => block.printsNext && excerptOf(block) === undefined && block.title === undefined);
    expect(printing.map((block) => [shown(block.page), block.code.includes('allowedHeaders')])).toEqual([['README.md', true]]);
    expect(modules.length).toBeGreaterThan(0);
  });

  it('type-checks against the built packages', () => {
    const results = typecheck(modules.map((block) => block.code));
    const failures = modules.flatMap((block, i) => results[i]!.map((message) => `${shown(block.page)}, block ${block.index + 1}, ${message}`));
    expect(failures).toEqual([]);
  });

  it('would not type-check if it were wrong', () => {
    const [ok, wrong] = typecheck([
      "import { cors } from '@portcullis/core';\ncors({ origin: 'https://myapp.es' });\n",
      "import { cors } from '@portcullis/core';\ncors({ origin: 'https://myapp.es', maxAge: '600' });\n",
    ]);
    expect(ok).toEqual([]);
    expect(wrong!.join('\n')).toMatch(/line 2: No overload matches this call/);
  });
});
