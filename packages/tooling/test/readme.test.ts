// The README is code: its commands are the ones CI runs, its examples are the ones the tests
// run, and its error output is what the library prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cors } from '@portcullis/core';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Fenced code blocks of the README, in order, with their language. */
function blocks(): { lang: string; code: string }[] {
  return [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

/** The text of `cors({ ... })`'s argument in a piece of source. */
function corsArgument(source: string): string {
  const start = source.indexOf('cors({');
  expect(start, 'a cors({...}) call').toBeGreaterThanOrEqual(0);
  let depth = 0;
  for (let i = start + 5; i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) return source.slice(start + 5, i + 1);
  }
  throw new Error('unbalanced cors({...})');
}

describe('README', () => {
  it('starts with the two commands: npm start, then npm test', () => {
    const first = blocks()[0]!;
    const commands = first.code
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual(['npm start', 'npm test']);
  });

  it('is what CI runs: .ci/run calls the test command', () => {
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    const lines = ci.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
    expect(lines.at(-1)).toBe('npm test');
  });

  it('shows the policy of the runnable example verbatim', () => {
    const example = readFileSync(join(ROOT, 'examples/node/src/api.ts'), 'utf8');
    const shown = blocks().find((b) => b.lang === 'ts' && b.code.includes("from '@portcullis/core'"))!;
    expect(corsArgument(shown.code)).toBe(corsArgument(example));
  });

  it('prints the configuration error the library really throws', () => {
    const all = blocks();
    const index = all.findIndex((b) => b.lang === 'ts' && b.code.includes('allowedHeaders'));
    const call = all[index]!.code;
    const printed = all[index + 1]!;
    expect(printed.lang).toBe('text');
    const options = new Function(`return (${corsArgument(call)});`)() as Parameters<typeof cors>[0];
    let message = '';
    try {
      cors(options);
    } catch (error) {
      message = `${(error as Error).name}: ${(error as Error).message}`;
    }
    expect(message).toBe(printed.code.trimEnd());
  });
});

describe('README adapter sections', () => {
  const excerpts = blocks().filter((b) => b.lang === 'ts' && /^\/\/ examples\/\S+\n/.test(b.code));

  it('show at least one excerpt per adapter', () => {
    const files = excerpts.map((b) => b.code.split('\n')[0]!.slice(3));
    for (const adapter of ['next', 'bun', 'deno', 'fastify']) {
      expect(files.some((file) => file.startsWith(`examples/${adapter}/`)), adapter).toBe(true);
    }
  });

  it.each(excerpts.map((b) => ({ file: b.code.split('\n')[0]!.slice(3), code: b.code })))(
    'quotes $file as it is',
    ({ file, code }) => {
      const source = readFileSync(join(ROOT, file), 'utf8');
      const body = code.slice(code.indexOf('\n') + 1);
      expect(source).toContain(body.trimEnd());
    },
  );
});

describe('README command-line sessions', () => {
  const sessions = [...readme.matchAll(/```console\n(\$ portcullis [\s\S]*?)```/g)].map((m) => m[1]!);
  const cliReadme = readFileSync(join(ROOT, 'packages/cli/README.md'), 'utf8');

  it('shows a check and a proxy session', () => {
    expect(sessions.map((s) => s.split(' ')[2])).toEqual(['check', 'proxy']);
  });

  // packages/cli's own tests run the real binary and compare its output with its README.
  it.each(sessions.map((session) => ({ command: session.split('\n')[0]!, session })))('$command is the CLI README\'s, which its tests produce', ({ session }) => {
    expect(cliReadme).toContain(session);
  });
});
