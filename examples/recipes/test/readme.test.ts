// The README is the recipes: each one is quoted whole, as the file the tests run.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const quoted = [...readme.matchAll(/```ts\n\/\/ (src\/\S+)\n([\s\S]*?)```/g)].map((m) => ({ file: m[1]!, code: m[2]! }));

it('quotes every recipe in src/, each once', () => {
  const files = readdirSync(new URL('../src', import.meta.url)).map((name) => `src/${name}`);
  expect(quoted.map((q) => q.file).sort()).toEqual(files.sort());
});

it.each(quoted)('quotes $file exactly as it is', ({ file, code }) => {
  expect(code).toBe(read(file));
});

it('names the framework versions the tests install', () => {
  const { dependencies } = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
  for (const [name, version] of Object.entries(dependencies)) {
    if (!version.startsWith('workspace:')) expect(readme, name).toContain(`${name} ${version}`);
  }
});
