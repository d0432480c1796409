// The README's sessions are real: each `console` block is run with the real binary against the
// server it describes, and its output must be what the block shows (ports normalised).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { cors } from '@portcullis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCors } from '../src/index.js';
import { start, toFetch, type Running } from './support/servers.js';

const PACKAGE = join(import.meta.dirname, '..');
const BIN = join(PACKAGE, 'bin/portcullis.js');
const README = readFileSync(join(PACKAGE, 'README.md'), 'utf8');

/** The README's console blocks: the command after `$ `, and the output under it. */
function sessions(): { command: string; output: string }[] {
  return [...README.matchAll(/```console\n\$ ([^\n]*)\n([\s\S]*?)```/g)].map((m) => ({ command: m[1]!, output: m[2]! }));
}

/** Shell words, with single quotes (all the README uses). */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const PAGE = 'http://localhost:5173';
let api: Running;
let misconfigured: Running;
let upstream: Running;

beforeAll(async () => {
  // The API of the first session: @portcullis/core, as in examples/node.
  const handler = cors({ origin: [PAGE], allowMethods: ['GET', 'PUT'], exposeHeaders: ['x-request-id'], maxAge: 600 }).wrap(
    () => Response.json({ ok: true }, { headers: { 'x-request-id': 'req-1' } }),
  );
  api = await start((req, res) => void toFetch(req, res, handler));
  // The second: an API answering its preflight as a hand-written middleware might.
  misconfigured = await start((req, res) => {
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
      'access-control-allow-origin': `${PAGE}/`,
      'access-control-allow-headers': 'content-type',
    });
    res.end();
  });
  // The third: an API with no CORS at all, behind the proxy.
  upstream = await start((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ method: req.method }));
  });
});

afterAll(async () => {
  await Promise.all([api?.close(), misconfigured?.close(), upstream?.close()]);
});

describe('the README', () => {
  it('has the four sessions (audit-readme.test.ts runs the audit one)', () => {
    expect(sessions().map((s) => words(s.command).slice(0, 2))).toEqual([
      ['portcullis', 'check'],
      ['portcullis', 'check'],
      ['portcullis', 'proxy'],
      ['portcullis', 'audit'],
    ]);
  });

  it.each([
    { session: 0, name: 'an allowed request', server: () => api, code: 0 },
    { session: 1, name: 'a blocked request and its fixes', server: () => misconfigured, code: 1 },
  ])('shows $name as the command prints it', async ({ session, server, code }) => {
    const { command, output } = sessions()[session]!;
    const port = String(server().port);
    const args = words(command).slice(1).map((w) => w.replaceAll('127.0.0.1:8787', `127.0.0.1:${port}`));
    const result = await run(args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(code);
    expect(result.stdout.replaceAll(`127.0.0.1:${port}`, '127.0.0.1:8787')).toBe(output);
  });

  it('has a library example that runs', async () => {
    const [code] = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(code).toContain("from '@portcullis/cli'");
    const source = code!
      .replace("'@portcullis/cli'", JSON.stringify(new URL('../dist/index.js', import.meta.url).href))
      .replaceAll('127.0.0.1:8787', `127.0.0.1:${api.port}`)
      .replaceAll('127.0.0.1:3000', `127.0.0.1:${upstream.port}`);
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', source], { env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (exit) => resolve({ code: exit, stdout, stderr }));
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("✔ allowed: the page's script can read the response");
  });

  it('shows the proxy in front of an API, logging what the two pages did', async () => {
    const { command, output } = sessions()[2]!;
    const args = words(command)
      .slice(1)
      .map((w) => w.replaceAll('127.0.0.1:3000', `127.0.0.1:${upstream.port}`))
      .concat(['--port', '0']);
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines: string[] = [];
      let notify: () => void = () => undefined;
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        notify();
      });
      const until = (count: number) =>
        new Promise<void>((resolve) => {
          notify = () => lines.length >= count && resolve();
          notify();
        });
      await until(1);
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(lines[0]!)![0];
      // What the README says the pages do: a JSON PUT with a bearer token from the allowed
      // origin, then the same from https://evil.example.
      const call = { url: `${url}/items`, method: 'PUT', headers: [['content-type', 'application/json'], ['authorization', 'Bearer abc']] as [string, string][], send: true };
      expect((await checkCors({ ...call, origin: PAGE })).allowed).toBe(true);
      expect((await checkCors({ ...call, origin: 'https://evil.example' })).allowed).toBe(false);
      await until(output.trimEnd().split('\n').length);
      const shown = `${lines.join('\n')}\n`
        .replaceAll(url, 'http://127.0.0.1:8787')
        .replaceAll(`127.0.0.1:${upstream.port}`, '127.0.0.1:3000');
      expect(shown).toBe(output);
    } finally {
      child.kill('SIGINT');
    }
  });
});
