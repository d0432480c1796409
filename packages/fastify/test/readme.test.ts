// The README is code: every ```ts block that names a file is an excerpt of it, the example app is
// shown whole, and the migration table answers every option of @fastify/cors with a tested row.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { PEER_OPTION_NAMES, rows } from './migration-rows.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');

const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, code: m[2]! }));
const excerpts = blocks
  .filter((b) => b.lang === 'ts' && /^\/\/ \S+\.ts\n/.test(b.code))
  .map((b) => ({ file: b.code.slice(3, b.code.indexOf('\n')), body: b.code.slice(b.code.indexOf('\n') + 1).trimEnd() }));

/** The first-column names of the migration table. */
function tableOptions(): string[] {
  const section = readme.slice(readme.indexOf('## Migrating from `@fastify/cors`'));
  const table = section.slice(section.indexOf('| --- | --- |'));
  return [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
}

describe('README', () => {
  test('shows the example app exactly', () => {
    const source = readFileSync(`${root}examples/fastify/src/app.ts`, 'utf8');
    expect(blocks.some((b) => b.lang === 'ts' && b.code === source)).toBe(true);
  });

  test('has excerpts, each quoting its file as it is', () => {
    expect(excerpts.length).toBeGreaterThanOrEqual(4);
    for (const { file, body } of excerpts) {
      expect(readFileSync(`${root}${file}`, 'utf8'), file).toContain(body);
    }
  });

  test('the migration table has a row for each tested translation, and nothing untested', () => {
    expect(tableOptions()).toEqual(rows.map((row) => row.option));
  });

  test('the migration table answers every option @fastify/cors declares', () => {
    const named = new Set(tableOptions().map((option) => option.split(/[ :]/)[0]));
    expect(PEER_OPTION_NAMES.filter((name) => !named.has(name))).toEqual([]);
  });

  test('@fastify/cors declares no option the table misses', () => {
    const types = readFileSync(fileURLToPath(import.meta.resolve('@fastify/cors').replace(/index\.js$/, 'types/index.d.ts')), 'utf8');
    const body = types.slice(types.indexOf('export interface FastifyCorsOptions {'));
    const declared = [...body.slice(0, body.indexOf('\n  }')).matchAll(/^\s{4}(\w+)\?:/gm)].map((m) => m[1]!);
    expect(declared.sort()).toEqual([...PEER_OPTION_NAMES].sort());
  });
});
