// Docs are code: every README block marked `<!-- file: ... -->` must be that file, byte for
// byte, and those files are the ones the other tests run.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

const marked = [...readme.matchAll(/<!-- file: (\S+) -->\n```ts\n([\s\S]*?)```\n/g)].map((m) => ({
  path: m[1]!,
  code: m[2]!,
}));

describe('README code blocks are the example files', () => {
  test('the README marks the example files it shows', () => {
    expect(marked.map((block) => block.path)).toEqual([
      'examples/bun/app.ts',
      'examples/bun/server.ts',
      'examples/bun/fetch-only.ts',
      'examples/bun/policies.ts',
    ]);
  });
  for (const block of marked) {
    test(block.path, () => {
      expect(block.code).toBe(readFileSync(repoRoot + block.path, 'utf8'));
    });
  }
});
