// The README's commands are the ones CI runs and the ones that work on a fresh clone: a
// user's first step comes first, the repository's own two commands are under Development,
// and the `portcullis` command they leave built starts, or says how to build it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript (it runs before anything is installed), without declarations
import { BUILDS, PROJECTS } from '../src/start.mjs';

const ROOT = join(import.meta.dirname, '../../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };

/** Fenced code blocks of the README, in order, with their language. */
function blocks(text: string): { lang: string; code: string }[] {
  return [...text.matchAll(/^```(\w*)[^\n]*\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

/** The commands of a shell block, without comments. */
function commands(code: string): string[] {
  return code
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/** The README's section under `## <title>`, up to the next `## `. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start, `## ${title}`).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('README', () => {
  it("starts with a user's first step: its first code block installs a published package", () => {
    const first = blocks(readme)[0]!;
    expect(first.lang).toBe('sh');
    expect(commands(first.code)).toEqual(['npm install @portcullis/core']);
  });

  it('gives the two commands under Development: npm start, then npm test', () => {
    const shell = blocks(section('Development')).filter((block) => block.lang === 'sh');
    expect(shell).toHaveLength(1);
    expect(commands(shell[0]!.code)).toEqual(['npm start', 'npm test']);
  });

  it("is what CI runs: .ci/run calls the README's test command", () => {
    const [, test] = commands(blocks(section('Development')).find((block) => block.lang === 'sh')!.code);
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    const lines = ci.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
    expect(lines.at(-1)).toBe(test);
  });
});

describe('the portcullis command', () => {
  it('is built by npm start, with the core it imports, after installing both', () => {
    const outputs = (BUILDS as { name: string; outputs: string[] }[]).flatMap((build) => build.outputs);
    expect(outputs).toEqual(expect.arrayContaining(['packages/core/dist/index.js', 'packages/cli/dist/bin.js']));
    expect(PROJECTS).toEqual(expect.arrayContaining(['packages/core', 'packages/cli', 'packages/browser-model']));
    const names = (BUILDS as { name: string }[]).map((build) => build.name);
    expect(names.indexOf('@portcullis/core')).toBeLessThan(names.indexOf('@portcullis/cli'));
  });

  it('is built by npm test, which builds every package', () => {
    const process = readFileSync(join(ROOT, 'packages/tooling/src/process.mjs'), 'utf8');
    expect(process).toContain("'-r', '--filter', './packages/**', 'run', 'build'");
  });

  /**
   * A reader's shell: without the npm_* variables that `npm test` and pnpm set for the tests
   * (npm warns about pnpm's own settings, which a reader's npx never sees).
   */
  const readerEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));

  it('runs from the repository root with npx, through the root devDependency', () => {
    expect(manifest.devDependencies['@portcullis/cli']).toBe('workspace:*');
    const result = spawnSync('npx', ['--no-install', 'portcullis', '--help'], { cwd: ROOT, encoding: 'utf8', env: { ...readerEnv(), NO_COLOR: '1' } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: portcullis /m);
  });

  it('says, when it is not built, to run a root script that builds it', () => {
    // A copy of the launcher beside the sources but without dist/, as in a fresh clone.
    const copy = mkdtempSync(join(tmpdir(), 'portcullis-cli-'));
    try {
      cpSync(join(ROOT, 'packages/cli/bin'), join(copy, 'bin'), { recursive: true });
      cpSync(join(ROOT, 'packages/cli/src/bin.ts'), join(copy, 'src/bin.ts'));
      const result = spawnSync(process.execPath, [join(copy, 'bin/portcullis.js'), '--help'], { encoding: 'utf8' });
      expect(result.status).toBe(2);
      const named = /run `npm run ([\w:-]+)` at the root of the repository/.exec(result.stderr);
      expect(named, result.stderr).not.toBeNull();
      expect(manifest.scripts[named![1]!]).toBe('node packages/tooling/run.mjs build-cli');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
