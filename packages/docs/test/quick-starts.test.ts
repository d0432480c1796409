// The front page's quick starts, one per runtime, work as printed: each installs what it
// imports, and once run, answers as its policy says: the allowed origin reads the answer (with
// cookies when the policy says so), its preflight passes, and any other site gets nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocks, commands, FRONT_PAGE, read, ROOT, section, subsections, words } from './support/markdown.js';
import { allowedOriginOf, pathOf, portOf, start, type QuickStart, type Running } from './support/quick-start.js';

const RUNTIMES = ['Node.js', 'Bun', 'Deno', 'Next.js', 'Fastify'];
const OTHER = 'https://evil.example';

const parts = subsections(section(read(FRONT_PAGE), '## Quick start'), 3);

/** The quick start under a heading: its titled block, and the shell block after it. */
function quickStart(heading: string): QuickStart | undefined {
  const text = parts.find((part) => part.heading === heading)?.text ?? '';
  const all = blocks(text);
  const file = all.find((block) => block.title !== undefined);
  if (file === undefined) return undefined;
  const shell = all.find((block) => block.lang === 'sh' && block.offset > file.offset);
  const lines = commands(shell?.code ?? '');
  return { heading, file: file.title!, code: file.code, install: lines.slice(0, -1), run: lines.at(-1) ?? '' };
}

const printed = RUNTIMES.map(quickStart).filter((q): q is QuickStart => q !== undefined);

describe('the quick starts', () => {
  it('are one per runtime, in this order, then a pointer for the others', () => {
    expect(parts.map((part) => part.heading)).toEqual([...RUNTIMES, 'Anything else that speaks Fetch']);
  });

  it('have each a file, an install command and a command that runs it (Node.js once @portcullis/node exists)', () => {
    const expected = RUNTIMES.filter((heading) => heading !== 'Node.js' || existsSync(join(ROOT, 'packages/node/package.json')));
    expect(printed.map((q) => q.heading)).toEqual(expected);
    for (const q of printed) {
      expect(q.install.length, q.heading).toBeGreaterThan(0);
      expect(q.run, q.heading).not.toBe('');
    }
  });

  it('leave Node.js to a marked TODO only while @portcullis/node does not exist', () => {
    const node = parts.find((part) => part.heading === 'Node.js')!.text;
    const hasBlock = quickStart('Node.js') !== undefined;
    expect(hasBlock || node.includes('<!-- TODO(lead, at merge)')).toBe(true);
    expect(hasBlock && node.includes('TODO'), 'a quick start and its TODO at once').toBe(false);
  });
});

describe.each(printed)('$heading', (q) => {
  it('installs every package it imports, and only packages that exist', () => {
    const imported = [...q.code.matchAll(/^import .* from '([^']+)';$/gm)]
      .map((m) => m[1]!)
      .filter((specifier) => !specifier.startsWith('node:') && !specifier.startsWith('.'))
      .map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
    expect(imported.length).toBeGreaterThan(0);
    const installed = q.install.flatMap((line) => {
      expect(line).toMatch(/^(npm install|bun add|deno add|pnpm add|yarn add) /);
      return words(line).slice(2).map((name) => name.replace(/^(jsr|npm):/, ''));
    });
    for (const name of imported) expect(installed, name).toContain(name);
    for (const name of installed.filter((n) => n.startsWith('@portcullis/'))) {
      const manifest = join(ROOT, 'packages', name.slice('@portcullis/'.length), 'package.json');
      expect(existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).private !== true, `${name} is a published package`).toBe(true);
    }
  });

  it('names the origin it allows, and a port or a route file', () => {
    expect(allowedOriginOf(q)).toMatch(/^https:\/\//);
    expect(portOf(q) !== undefined || q.run.startsWith('npx next ')).toBe(true);
  });

  describe('run as printed', () => {
    let running: Running;
    beforeAll(async () => {
      running = await start(q);
    });
    afterAll(async () => {
      await running?.stop();
    });

    const origin = allowedOriginOf(q)!;
    const credentials = /\bcredentials:\s*true\b/.test(q.code);
    const url = `http://quick.start${pathOf(q)}`;
    const preflight = (from: string) =>
      new Request(url, {
        method: 'OPTIONS',
        headers: { origin: from, 'access-control-request-method': 'GET', 'access-control-request-headers': 'content-type' },
      });

    it.each([
      {
        rule: 'the allowed origin reads the answer',
        request: () => new Request(url, { headers: { origin } }),
        ok: true,
        allowOrigin: origin,
      },
      {
        rule: 'its preflight for a JSON request passes',
        request: () => preflight(origin),
        ok: true,
        allowOrigin: origin,
      },
      { rule: 'another site cannot read the answer', request: () => new Request(url, { headers: { origin: OTHER } }), ok: true, allowOrigin: null },
      { rule: "another site's preflight is refused", request: () => preflight(OTHER), ok: false, allowOrigin: null },
    ])('$rule', async ({ request, ok, allowOrigin }) => {
      const response = await running.send(request());
      expect(response.ok).toBe(ok);
      expect(response.headers.get('access-control-allow-origin')).toBe(allowOrigin);
      if (allowOrigin !== null) {
        expect(response.headers.get('access-control-allow-credentials')).toBe(credentials ? 'true' : null);
        expect(response.headers.get('vary')).toMatch(/\bOrigin\b/i);
      }
    });
  });
});
