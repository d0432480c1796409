// The real binary: exit status 0 / 1 / 2, errors as one line without a stack trace, --help,
// and a proxy that stops cleanly on Ctrl-C.
import { spawn } from 'node:child_process';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type Running } from './support/servers.js';

const PACKAGE = join(import.meta.dirname, '..');
const BIN = join(PACKAGE, 'bin/portcullis.js');

/** Runs the binary; asynchronous, so that the servers of this process keep answering. */
function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let api: Running;
let silent: NetServer;
let silentPort = 0;
const silentSockets: Socket[] = [];
let closedPort = 0;

beforeAll(async () => {
  api = await start((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/open') res.writeHead(200, { 'access-control-allow-origin': '*' });
    else res.writeHead(200);
    res.end('ok');
  });
  // Accepts connections and never answers: the timeout row.
  silent = createNetServer((socket) => silentSockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
  const closed = await start(() => undefined);
  closedPort = closed.port;
  await closed.close();
});

afterAll(async () => {
  await api?.close();
  for (const socket of silentSockets) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
});

const ORIGIN = 'http://localhost:5173';

describe('usage and network errors: exit 2 and one line on stderr', () => {
  it.each([
    { error: 'no command', args: () => [], says: 'a command is needed' },
    { error: 'an unknown command', args: () => ['chek'], says: "unknown command 'chek'" },
    { error: 'a missing URL', args: () => ['check', '--origin', ORIGIN], says: 'the URL to check is missing' },
    { error: 'a missing --origin', args: () => ['check', `${api.url}/`], says: '--origin is required' },
    { error: 'an --origin with a trailing slash', args: () => ['check', `${api.url}/`, '--origin', `${ORIGIN}/`], says: `write '${ORIGIN}'` },
    { error: 'an --origin with a path', args: () => ['check', `${api.url}/`, '--origin', 'https://app.example/app'], says: 'an origin has no path' },
    { error: 'an --origin that is not one', args: () => ['check', `${api.url}/`, '--origin', 'app.example'], says: "'app.example' is not an origin" },
    { error: 'a relative URL', args: () => ['check', '/items', '--origin', ORIGIN], says: "'/items' is not an absolute URL" },
    { error: 'a non-http URL', args: () => ['check', 'ftp://files.example/x', '--origin', ORIGIN], says: 'is not an http or https URL' },
    { error: 'a header without a colon', args: () => ['check', `${api.url}/`, '--origin', ORIGIN, '--header', 'x-user'], says: "--header 'x-user' must be written 'name: value'" },
    { error: 'a bad --timeout', args: () => ['check', `${api.url}/`, '--origin', ORIGIN, '--timeout', '2s'], says: '--timeout must be a positive whole number' },
    { error: 'an unknown --browser', args: () => ['check', `${api.url}/`, '--origin', ORIGIN, '--browser', 'netscape'], says: '--browser must be chromium, firefox or standard' },
    { error: 'an unknown option', args: () => ['check', `${api.url}/`, '--origin', ORIGIN, '--orgin', ORIGIN], says: "unknown option '--orgin'" },
    { error: 'an unreachable host', args: () => ['check', `http://127.0.0.1:${closedPort}/`, '--origin', ORIGIN], says: 'connection refused' },
    { error: 'a timeout', args: () => ['check', `http://127.0.0.1:${silentPort}/`, '--origin', ORIGIN, '--timeout', '300'], says: 'no answer from' },
    { error: 'proxy without --target', args: () => ['proxy', '--origin', ORIGIN], says: '--target is required' },
    { error: 'proxy without --origin', args: () => ['proxy', '--target', api.url], says: '--origin is required' },
    { error: 'proxy with a bad --target', args: () => ['proxy', '--target', 'api.example', '--origin', ORIGIN], says: "--target 'api.example' is not an absolute URL" },
    { error: 'proxy with an invalid CORS flag', args: () => ['proxy', '--target', api.url, '--origin', 'https://app.example/', '--port', '0'], says: "--origin #1: 'https://app.example/' ends with a slash" },
    { error: 'proxy with a forbidden --allow-header', args: () => ['proxy', '--target', api.url, '--origin', ORIGIN, '--allow-header', 'cookie', '--port', '0'], says: "'cookie' is a forbidden request header" },
    { error: 'proxy on a non-loopback address', args: () => ['proxy', '--target', api.url, '--origin', ORIGIN, '--host', '0.0.0.0', '--port', '0'], says: '--dangerously-allow-non-loopback' },
    { error: 'proxy with a bad --allowed-host', args: () => ['proxy', '--target', api.url, '--origin', ORIGIN, '--allowed-host', 'http://myapp.test', '--port', '0'], says: "--allowed-host 'http://myapp.test' must be a host name" },
    { error: 'proxy on a port in use', args: () => ['proxy', '--target', api.url, '--origin', ORIGIN, '--port', String(api.port)], says: 'is in use' },
  ])('$error', async ({ args, says }) => {
    const { code, stdout, stderr } = await run(args());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.split('\n').filter(Boolean);
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^portcullis( check| proxy)?: /);
    expect(lines[0]).toContain(says);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('verdicts: exit 0 when a browser allows, 1 when it blocks', () => {
  it('allows, in plain text when stdout is not a terminal', async () => {
    const { code, stdout, stderr } = await run(['check', `${api.url}/open`, '--origin', ORIGIN]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('✔ allowed');
    expect(stdout).not.toContain('\u001b[');
  });

  it('blocks, with the fix', async () => {
    const { code, stdout } = await run(['check', `${api.url}/closed`, '--origin', ORIGIN]);
    expect(code).toBe(1);
    expect(stdout).toContain('✘ Access-Control-Allow-Origin is missing');
    expect(stdout).toContain(
      `fix: if a page on ${ORIGIN} should read this, add ${ORIGIN} to the server's list of allowed origins, so that the response carries Access-Control-Allow-Origin: ${ORIGIN}`,
    );
  });

  it('prints one JSON verdict with every step', async () => {
    const { code, stdout } = await run(['check', `${api.url}/closed`, '--origin', ORIGIN, '--json']);
    expect(code).toBe(1);
    const verdict = JSON.parse(stdout) as { allowed: boolean; steps: { step: string; ok: boolean }[]; exchanges: unknown[] };
    expect(verdict.allowed).toBe(false);
    expect(verdict.steps.map((s) => s.step)).toEqual(['request.cross-origin', 'request.preflight', 'cors.allow-origin']);
    expect(verdict.exchanges).toHaveLength(1);
  });
});

describe('--help and --version', () => {
  it.each([
    { args: ['--help'], says: 'Usage: portcullis <command>' },
    { args: ['check', '--help'], says: 'Usage: portcullis check <url> --origin <origin>' },
    { args: ['proxy', '--help'], says: 'Usage: portcullis proxy --target <url>' },
    { args: ['--version'], says: '0.1.0' },
  ])('$args', async ({ args, says }) => {
    const { code, stdout } = await run(args);
    expect(code).toBe(0);
    expect(stdout).toContain(says);
  });
});

describe('the proxy stops cleanly', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('on %s, with exit status 0', async (signal) => {
    const child = spawn(process.execPath, [BIN, 'proxy', '--target', api.url, '--origin', ORIGIN, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      // Every line is queued as it comes: the log line may arrive before fetch() resolves.
      const queue: string[] = [];
      const waiting: ((line: string) => void)[] = [];
      createInterface({ input: child.stdout }).on('line', (line) => {
        const next = waiting.shift();
        if (next) next(line);
        else queue.push(line);
      });
      const nextLine = () => new Promise<string>((resolve) => (queue.length > 0 ? resolve(queue.shift()!) : waiting.push(resolve)));
      const first = await nextLine();
      const match = /^portcullis proxy (http:\/\/127\.0\.0\.1:\d+) -> (.+)$/.exec(first);
      expect(match, first).not.toBeNull();
      expect(match![2]).toBe(api.url);
      const response = await fetch(`${match![1]}/open`, { headers: { origin: ORIGIN } });
      expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      await response.text();
      const logged = await nextLine();
      expect(logged).toBe(`GET /open 200 ${ORIGIN} allowed`);
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      expect(await exit).toBe(0);
      await expect(fetch(`${match![1]}/open`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
