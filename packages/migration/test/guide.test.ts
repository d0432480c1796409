// MIGRATING.md and the rows are one table: every row of the guide has its test row and every
// test row its guide row, in its peer's section, showing exactly the texts the test runs and
// the messages core prints; every code block is a tested file's excerpt or a row's text.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlocks, guideRows, normalize, type CodeBlock } from '../src/guide.js';
import type { Row } from '../src/rows.js';
import { corsRows } from './rows/cors.js';
import { honoRows } from './rows/hono.js';
import { ittyRows } from './rows/itty-router.js';

const ROOT = join(import.meta.dirname, '../../..');
const markdown = readFileSync(join(ROOT, 'packages/core/MIGRATING.md'), 'utf8');
const rows: readonly Row[] = [...corsRows, ...honoRows, ...ittyRows];
const blocks = codeBlocks(markdown);

/** The section heading each guide row is under, by the row's peer prefix. */
const SECTIONS: Readonly<Record<string, string>> = {
  cors: '## From `cors` (Express)',
  hono: '## From `hono/cors`',
  'itty-router': "## From itty-router's `cors`",
};

/** `// packages/...` on the first line: the block is an excerpt of that file. */
function excerptOf(block: CodeBlock): string | undefined {
  const first = block.code.split('\n', 1)[0]!;
  return /^\/\/ packages\/\S+$/.test(first) ? first.slice(3) : undefined;
}

/** What the guide shows for a row: its table line and the blocks tagged for it. */
function shown(row: Row): string {
  const line = guideRows(markdown).find((r) => r.id === row.id)?.line ?? '';
  return [line, ...blocks.filter((b) => b.rows.includes(row.id)).map((b) => b.code)].join('\n');
}

/** Every text of a row the guide must show. */
function texts(row: Row): string[] {
  return [
    row.peer,
    ...(typeof row.portcullis === 'string' ? [row.portcullis] : []),
    ...(row.core === 'accepted' ? [] : row.core.flatMap((says) => [...(says.text === undefined ? [] : [says.text]), says.fix])),
    ...(row.quotes ?? []),
  ];
}

describe('MIGRATING.md', () => {
  it('has a row for every test row and a test row for every row, each once', () => {
    const inGuide = guideRows(markdown).map((r) => r.id);
    const tested = rows.map((r) => r.id);
    expect(new Set(inGuide).size, 'guide ids are unique').toBe(inGuide.length);
    expect(new Set(tested).size, 'test ids are unique').toBe(tested.length);
    expect([...inGuide].sort()).toEqual([...tested].sort());
  });

  it("lists each row in its peer's section", () => {
    let section = '';
    for (const line of markdown.split('\n')) {
      if (line.startsWith('## ')) section = line;
      const id = /^\|\s*`([a-z-]+)\.[A-Za-z0-9-]+`/.exec(line)?.[1];
      if (id !== undefined) expect(section, line.slice(0, 60)).toBe(SECTIONS[id]);
    }
  });

  it.each(rows.map((row) => ({ id: row.id, row })))('$id shows the code its test runs and what core says', ({ row }) => {
    const guide = normalize(shown(row));
    for (const text of texts(row)) expect(guide, `${row.id} shows: ${text}`).toContain(normalize(text));
  });

  it.each(rows.filter((row) => typeof row.portcullis === 'object').map((row) => ({ id: row.id, row })))('$id quotes its recipe', ({ row }) => {
    const recipe = row.portcullis as Exclude<Row['portcullis'], string | undefined>;
    expect(blocks.some((b) => b.rows.includes(row.id) && excerptOf(b) === recipe.file)).toBe(true);
  });

  it.each(blocks.map((block, index) => ({ index, first: block.code.split('\n', 1)[0], block })))('code block $index ($first) is tested', ({ block }) => {
    const file = excerptOf(block);
    if (file !== undefined) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      expect(source).toContain(block.code.slice(block.code.indexOf('\n') + 1).trimEnd());
      return;
    }
    expect(block.rows.length, 'a block that is not an excerpt is tagged with its rows').toBeGreaterThan(0);
    for (const id of block.rows) expect(rows.map((r) => r.id)).toContain(id);
    const code = normalize(block.code);
    const tagged = rows.filter((r) => block.rows.includes(r.id));
    expect(tagged.flatMap(texts).some((text) => code.includes(normalize(text))), 'the block shows one of its rows\' texts').toBe(true);
  });

  it('links only to headings and files that exist', () => {
    // GitHub's heading ids: lowercase, punctuation dropped, spaces to hyphens.
    const ids = new Set(
      markdown
        .split('\n')
        .filter((line) => /^#{1,6} /.test(line))
        .map((line) => line.replace(/^#+ /, '').toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')),
    );
    const guideDir = dirname(join(ROOT, 'packages/core/MIGRATING.md'));
    for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (target!.startsWith('https://')) continue;
      const [path, anchor] = target!.split('#');
      if (path === '') expect(ids, target).toContain(anchor);
      else expect(existsSync(join(guideDir, path!)), target).toBe(true);
    }
  });
});
