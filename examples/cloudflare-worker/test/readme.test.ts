// The README's code is this example's code: each `// src/...` block is a verbatim excerpt.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../scripts/bundle.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const excerpts = [...readme.matchAll(/```ts\n\/\/ (\S+)\n([\s\S]*?)```/g)].map((m) => ({ file: m[1]!, code: m[2]! }));

it('quotes the Worker and the Edge Function', () => {
  expect(excerpts.map((excerpt) => excerpt.file)).toEqual(['src/worker.ts', 'src/vercel-edge.ts']);
});

it.each(excerpts)('quotes $file as it is', ({ file, code }) => {
  expect(readFileSync(join(ROOT, file), 'utf8')).toContain(code);
});
