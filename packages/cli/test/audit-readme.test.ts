// The README's audit session is real: the real binary against the server the README describes,
// its output exactly as printed there (the port normalised). The README's and AUDIT.md's
// tables name every class, and the library example runs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASS_IDS } from '../src/audit/classes.js';
import { start, type Running } from './support/servers.js';

const PACKAGE = join(import.meta.dirname, '..');
const BIN = join(PACKAGE, 'bin/portcullis.js');
const README = readFileSync(join(PACKAGE, 'README.md'), 'utf8');
const AUDIT_MD = readFileSync(join(PACKAGE, 'AUDIT.md'), 'utf8');

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The ids in the first column of the markdown table whose header starts with `header`. */
function tableIds(markdown: string, header: string): string[] {
  const start = markdown.indexOf(`| ${header}`);
  const rows = markdown.slice(start).split('\n').slice(2);
  const table = rows.slice(0, rows.findIndex((row) => !row.startsWith('|')));
  return table.flatMap((row) => /^\| `([a-z-]+)` \|/.exec(row)?.[1] ?? []);
}

let api: Running;

beforeAll(async () => {
  // What the README says: a hand-written middleware that trusts null and every origin ending
  // with myapp.es, with credentials, behind Cache-Control: public and without Vary.
  api = await start((req, res) => {
    const origin = req.headers.origin;
    if (origin === 'null' || origin?.endsWith('myapp.es')) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"user":"ada"}');
  });
});

afterAll(() => api?.close());

describe('the README of portcullis audit', () => {
  it('shows a real session against a misconfigured server', async () => {
    const [, command, output] = /```console\n\$ (portcullis audit [^\n]*)\n([\s\S]*?)```/.exec(README) ?? [];
    expect(command).toBeDefined();
    const args = command!.split(' ').slice(1).map((w) => w.replaceAll('127.0.0.1:8787', `127.0.0.1:${api.port}`));
    const result = await run(process.execPath, [BIN, ...args]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout.replaceAll(`127.0.0.1:${api.port}`, '127.0.0.1:8787')).toBe(output);
  });

  it('compares every class with Corsy and CORScanner', () => {
    expect(tableIds(README, 'class')).toEqual(CLASS_IDS);
  });

  it('documents every class in AUDIT.md', () => {
    expect(tableIds(AUDIT_MD, 'id')).toEqual(CLASS_IDS);
  });

  it('has a library example that runs', async () => {
    const code = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).find((c) => c.includes('await audit('));
    expect(code).toBeDefined();
    const source = code!
      .replace("'@portcullis/cli'", JSON.stringify(new URL('../dist/index.js', import.meta.url).href))
      .replaceAll('127.0.0.1:8787', `127.0.0.1:${api.port}`);
    const result = await run(process.execPath, ['--input-type=module', '-e', source]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('null-origin high');
    expect(result.code).toBe(0);
  });
});
