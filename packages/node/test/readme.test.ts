// The README is code: its servers run with `node <file>` exactly as printed, from a folder
// where `express`, `koa` and `@portcullis/node` (this package, built) resolve as they do in a
// user's project, and the curl session it prints is what the quick start answers.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { send } from './support/client.js';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(PACKAGE, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1]!, code: m[2]! }));
const file = (name: string) => {
  const block = blocks.find((b) => b.lang === 'js' && b.code.startsWith(`// ${name}\n`));
  if (block === undefined) throw new Error(`no block for ${name}`);
  return block.code;
};

// Inside the package: `@portcullis/node` resolves to it by its own name, its dependencies as installed.
const dir = mkdtempSync(join(PACKAGE, '.readme-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `node <name>` with `source` on a free port; resolves with its address once it listens. */
async function run(name: string, source: string): Promise<string> {
  writeFileSync(join(dir, name), source);
  const child = spawn(process.execPath, [name], { cwd: dir, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([once(lines, 'line'), once(child, 'exit').then(() => [`exited with ${child.exitCode}`])])) as [string];
  const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
  if (match === null) throw new Error(`${name}: ${line}`);
  return match[1]!;
}

/** One `$ curl ...` of the console session and the lines printed after it. */
interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly printed: string[];
}

function session(): Exchange[] {
  const console = blocks.find((b) => b.lang === 'console')!.code;
  return console
    .split(/^\$ /m)
    .filter(Boolean)
    .map((part) => {
      const [command, ...printed] = part.trimEnd().split('\n');
      const method = / -X (\w+)/.exec(command!)?.[1] ?? (command!.includes(' -d ') ? 'POST' : 'GET');
      const url = new URL(/ (http:\/\/\S+)/.exec(command!)![1]!);
      const headers = Object.fromEntries([...command!.matchAll(/ -H '([^:]+): ([^']*)'/g)].map((m) => [m[1]!.toLowerCase(), m[2]!]));
      const body = / -d '([^']*)'/.exec(command!)?.[1];
      return { method, path: url.pathname, headers, body, printed };
    });
}

const CORS_HEADERS = /^(access-control-|vary$|portcullis-refusal$)/;

describe('the Express quick start, run with `node server.mjs`', () => {
  let base: Promise<string> | undefined;
  const server = () => (base ??= run('server.mjs', file('server.mjs')));

  it.each(session().map((exchange) => ({ what: `${exchange.method} ${exchange.path} from ${exchange.headers.origin}`, exchange })))(
    'answers $what as the README prints it',
    async ({ exchange }) => {
      const answer = await send({ base: await server() }, exchange.path, {
        method: exchange.method,
        headers: exchange.body === undefined ? exchange.headers : { 'content-type': 'application/x-www-form-urlencoded', ...exchange.headers },
        ...(exchange.body === undefined ? {} : { body: exchange.body }),
      });
      const [status, ...lines] = exchange.printed;
      expect(status).toMatch(new RegExp(`^HTTP/1\\.1 ${answer.status} `));
      const printed = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
      const corsHeaders = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => CORS_HEADERS.test(name)));
      expect(printed).toEqual(corsHeaders);
    },
  );

  it('reaches the route for the front end, and parses its JSON body', async () => {
    const answer = await send({ base: await server() }, '/api/notes', {
      method: 'POST',
      headers: { origin: 'https://myapp.es', 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
      body: '{"text":"hello"}',
    });
    expect([answer.status, JSON.parse(answer.body.toString())]).toEqual([201, { text: 'hello' }]);
  });
});

describe.each([
  { name: 'koa-server.mjs', source: () => file('koa-server.mjs') },
  { name: 'http-server.mjs', source: () => file('http-server.mjs') },
])('$name, run as printed', ({ name, source }) => {
  it('lets the front end read, and answers its preflight', async () => {
    const base = await run(name, source());
    const read = await send({ base }, '/', { headers: { origin: 'https://myapp.es' } });
    expect([read.status, JSON.parse(read.body.toString()), read.headers['access-control-allow-origin']]).toEqual([200, { user: 'ada' }, 'https://myapp.es']);
    const preflight = await send({ base }, '/', { method: 'OPTIONS', headers: { origin: 'https://myapp.es', 'access-control-request-method': 'DELETE' } });
    expect([preflight.status, preflight.headers['access-control-allow-methods']]).toEqual([204, 'GET, HEAD, POST, PUT, PATCH, DELETE']);
    const other = await send({ base }, '/', { headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the corsByRequest example, in an Express application', () => {
  it('gives /admin/ its credentialed policy and everything else the open one', async () => {
    const fragment = blocks.find((b) => b.code.startsWith('// with `app`, an Express application\n'))!.code;
    const base = await run(
      'by-request.mjs',
      `import express from 'express';\nconst app = express();\n${fragment}\napp.use((req, res) => res.send('ok'));\n` +
        "const server = app.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));\n",
    );
    const admin = await send({ base }, '/admin/users', { headers: { origin: 'https://admin.myapp.es' } });
    const open = await send({ base }, '/items', { headers: { origin: 'https://evil.example' } });
    const forged = await send({ base }, '/admin/users', { method: 'POST', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect([admin.headers['access-control-allow-origin'], admin.headers['access-control-allow-credentials']]).toEqual(['https://admin.myapp.es', 'true']);
    expect(open.headers['access-control-allow-origin']).toBe('*');
    expect(forged.status).toBe(403);
  });
});
